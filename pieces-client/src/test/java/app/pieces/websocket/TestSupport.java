package app.pieces.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import app.pieces.client.PiecesClient;
import app.pieces.simulator.PiecesOsSimulator;

/**
 * Helpers shared by the websocket tests.
 */
final class TestSupport {

	/**
	 * Threads that belong to the simulator (server side) or to the REST client, not to the
	 * websocket manager.
	 */
	private static final List<String> OTHER_OWNERS = List.of("http-nio-", "pieces-sim-", "pieces-client-",
			"HttpClient-", "Catalina-", "awaitility", "test-proxy",
			// the JDK's JVM-wide timer of CompletableFuture.orTimeout (used by the JDK HttpClient), never stops
			"CompletableFutureDelayScheduler");

	private TestSupport() {
	}

	/**
	 * A client with the simulator's base URL fixed (no discovery).
	 */
	static PiecesClient client(PiecesOsSimulator simulator) {
		return PiecesClient.builder().baseUrl(simulator.baseUrl()).build();
	}

	/**
	 * Settings with quick reconnects so that restart tests stay short.
	 */
	static WebsocketSettings fastSettings() {
		return WebsocketSettings.defaults()
			.withReconnect(ReconnectSettings.defaults()
				.withIntervals(Duration.ofMillis(100), Duration.ofMillis(800))
				.withJitter(Duration.ofMillis(20)));
	}

	/**
	 * Register one socket per stream, without listeners.
	 * @return the assets socket, whose cache most such tests inspect
	 */
	static AssetsIdentifiersWS registerEveryStream(PiecesWebsocketManager manager) {
		manager.health(null);
		manager.user(null);
		AssetsIdentifiersWS assets = manager.assets(null);
		manager.conversations(null);
		manager.ask(null);
		return assets;
	}

	/**
	 * Thread-safe list for recording callbacks.
	 */
	static <T> List<T> recorder() {
		return Collections.synchronizedList(new ArrayList<>());
	}

	/**
	 * Requests of {@code GET /assets} the simulator served: reads of the whole library (the request counter
	 * counts by path prefix, which also matches {@code /assets/...}).
	 */
	static long libraryReads(PiecesOsSimulator simulator) {
		return simulator.restRequests("/assets") - simulator.restRequests("/assets/");
	}

	/**
	 * Copy of a synchronized recorder.
	 */
	static <T> List<T> copy(List<T> recorder) {
		synchronized (recorder) {
			return new ArrayList<>(recorder);
		}
	}

	/**
	 * Names of the live threads not in the baseline, except those of the simulator, the
	 * REST client and JVM-wide pools: the threads a websocket manager left behind.
	 */
	static Set<String> newThreads(Set<Thread> baseline) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !baseline.contains(thread) && thread.isAlive())
			.map(Thread::getName)
			.filter((name) -> OTHER_OWNERS.stream().noneMatch(name::startsWith))
			.collect(Collectors.toSet());
	}

}
