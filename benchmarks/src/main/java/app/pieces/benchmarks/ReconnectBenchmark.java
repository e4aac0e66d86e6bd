package app.pieces.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import app.pieces.cache.IdentifierCache;
import app.pieces.client.PiecesClient;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.AssetsListener;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.ConversationWS;
import app.pieces.websocket.ConversationsListener;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.PiecesWebsocketObserver;
import app.pieces.websocket.ReconnectSettings;
import app.pieces.websocket.WebsocketListener;
import app.pieces.websocket.WebsocketSettings;

/**
 * Benchmark 3: time from the simulator listening again to every socket connected and both
 * caches resynchronised (1,000 assets, a few changes made while it was down), over many
 * restarts, for two initial backoff settings.
 */
final class ReconnectBenchmark {

	static final Duration DOWNTIME = Duration.ofMillis(200);

	private ReconnectBenchmark() {
	}

	/**
	 * Reconnect times for one backoff setting.
	 * @param initialInterval the configured initial backoff
	 * @param maxInterval the configured maximum backoff
	 * @param times time from back to resynced, per restart
 * @param lastSteps how often each socket or cache was the last one ready
	 */
	record Result(Duration initialInterval, Duration maxInterval, Stats times, Map<String, Integer> lastSteps) {
	}

	static Result run(Duration initialInterval, Duration maxInterval, int restarts) {
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder()
			.assets(1_000)
			.conversations(20)
			.healthInterval(Duration.ZERO)
			.build()
			.start();
				PiecesClient client = PiecesClient.builder().baseUrl(simulator.baseUrl()).build();
				PiecesWebsocketManager manager = new PiecesWebsocketManager(client,
						WebsocketSettings.defaults()
							.withReconnect(
									ReconnectSettings.defaults().withIntervals(initialInterval, maxInterval)))) {
			Map<String, Long> lastReady = new ConcurrentHashMap<>();
			manager.addObserver(new PiecesWebsocketObserver() {

				@Override
				public void connected(BaseWebsocket<?> socket) {
					lastReady.put(socket.stream().tag() + " socket", System.nanoTime());
				}

				@Override
				public void cacheHydrated(IdentifierCache<?> cache, Duration took, int size) {
					lastReady.put(cache.name() + " cache", System.nanoTime());
				}

			});
			manager.health(new WebsocketListener<>() {
			});
			manager.user(new WebsocketListener<>() {
			});
			AssetsIdentifiersWS assets = manager.assets(new AssetsListener() {
			});
			ConversationWS conversations = manager.conversations(new ConversationsListener() {
			});
			manager.ask(new WebsocketListener<>() {
			});
			manager.startAll();
			Waits.until(() -> lastReady.size() == 7 && assets.cache().isSynced() && conversations.cache().isSynced(),
					Duration.ofMinutes(1), "first connect");
			long[] times = new long[restarts];
			Map<String, Integer> lastSteps = new TreeMap<>();
			for (int i = 0; i < restarts; i++) {
				lastReady.clear();
				simulator.restart(DOWNTIME);
				Waits.until(() -> !simulator.isRunning(), Duration.ofSeconds(10), "restart");
				List<String> ids = simulator.state().assets();
				simulator.updateAsset(ids.get(i % ids.size()), "renamed offline " + i, true);
				simulator.createAsset("created offline " + i, "echo " + i, "sh", true);
				simulator.deleteAsset(ids.get((i + 500) % ids.size()), true);
				Waits.until(simulator::isRunning, Duration.ofSeconds(30), "simulator back");
				long back = System.nanoTime();
				Waits.until(() -> lastReady.size() == 7 && assets.cache().isSynced() && conversations.cache().isSynced()
						&& manager.sockets().stream().allMatch(BaseWebsocket::isConnected), Duration.ofMinutes(1),
						"resync");
				Map.Entry<String, Long> last = lastReady.entrySet()
					.stream()
					.max(Map.Entry.comparingByValue())
					.orElseThrow();
				times[i] = Math.max(0, last.getValue() - back);
				lastSteps.merge(last.getKey(), 1, Integer::sum);
				if (!assets.cache().ids().containsAll(simulator.state().assets())
						|| assets.cache().size() != simulator.state().assets().size()) {
					throw new IllegalStateException("asset cache differs from the simulator after restart " + i);
				}
			}
			Result result = new Result(initialInterval, maxInterval, Stats.of(times), lastSteps);
			System.out.printf("  reconnect (initial backoff %d ms): p50 %s, p99 %s over %d restarts, last step %s%n",
					initialInterval.toMillis(), Stats.millis(result.times().p50()), Stats.millis(result.times().p99()),
					restarts, lastSteps);
			return result;
		}
	}

}
