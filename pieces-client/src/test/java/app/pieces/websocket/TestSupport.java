package app.pieces.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import app.pieces.client.PiecesClient;
import app.pieces.simulator.PiecesOsSimulator;

/**
 * Helpers shared by the websocket tests.
 */
final class TestSupport {

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
	 * Copy of a synchronized recorder.
	 */
	static <T> List<T> copy(List<T> recorder) {
		synchronized (recorder) {
			return new ArrayList<>(recorder);
		}
	}

}
