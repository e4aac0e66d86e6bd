package app.pieces.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import app.pieces.websocket.IdentifierCache;
import app.pieces.client.PiecesClient;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.AssetsListener;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.ConversationWS;
import app.pieces.websocket.ConversationsListener;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.ClientEvent;
import app.pieces.websocket.ClientEventListener;
import app.pieces.websocket.ReconnectSettings;
import app.pieces.websocket.WebsocketListener;
import app.pieces.websocket.WebsocketSettings;

/**
 * Benchmark 3: time from the simulator listening again to every socket connected and both
 * caches resynchronised (1,000 assets, a few changes made while it was down), over many
 * restarts, for two initial backoff settings, each with the simulator's full identifier lists
 * carrying ids only and carrying each object's {@code updated} (PROTOCOL.md §4.3), the two
 * variants interleaved in a shuffled order per round against the same simulator and client.
 */
final class ReconnectBenchmark {

	static final Duration DOWNTIME = Duration.ofMillis(200);

	/** Rounds of both variants run before the measured ones and discarded. */
	static final int WARMUP_ROUNDS = 2;

	/** The REST path prefix of asset snapshots, counted by the simulator. */
	static final String ASSET_SNAPSHOTS = "/asset/";

	private ReconnectBenchmark() {
	}

	/**
	 * Reconnect times for one backoff setting and one kind of full identifier list.
	 * @param initialInterval the configured initial backoff
	 * @param maxInterval the configured maximum backoff
	 * @param updatedInIdentifiers whether the full identifier lists carried {@code updated}
	 * @param times time from back to resynced, per restart
	 * @param fetches {@code GET /asset/{id}} requests per resync
	 * @param lastSteps how often each socket or cache was the last one ready
	 */
	record Result(Duration initialInterval, Duration maxInterval, boolean updatedInIdentifiers, Stats times,
			Stats fetches, Map<String, Integer> lastSteps) {
	}

	/**
	 * Run both variants for one backoff setting.
	 * @param initialInterval the initial backoff
	 * @param maxInterval the maximum backoff
	 * @param restarts measured restarts per variant
	 * @return the results, ids only first, then with {@code updated}
	 */
	static List<Result> run(Duration initialInterval, Duration maxInterval, int restarts) {
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder()
			.assets(1_000)
			.conversations(20)
			.healthInterval(Duration.ZERO)
			.updatedInIdentifiers(false)
			.build()
			.start();
				PiecesClient client = PiecesClient.builder().baseUrl(simulator.baseUrl()).build();
				PiecesWebsocketManager manager = new PiecesWebsocketManager(client,
						WebsocketSettings.defaults()
							.withReconnect(
									ReconnectSettings.defaults().withIntervals(initialInterval, maxInterval)))) {
			Map<String, Long> lastReady = new ConcurrentHashMap<>();
			manager.addEventListener(new ClientEventListener() {

				@Override
				public void onEvent(ClientEvent event) {
					if (event instanceof ClientEvent.Connected connected) {
						BaseWebsocket<?> socket = connected.socket();
						lastReady.put(socket.stream().tag() + " socket", System.nanoTime());
					}
					else if (event instanceof ClientEvent.Synced synced) {
						IdentifierCache<?> cache = synced.socket().cache();
						lastReady.put(cache.name() + " cache", System.nanoTime());
					}
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
			Map<Boolean, long[]> times = Map.of(false, new long[restarts], true, new long[restarts]);
			Map<Boolean, long[]> fetches = Map.of(false, new long[restarts], true, new long[restarts]);
			Map<Boolean, Map<String, Integer>> lastSteps = Map.of(false, new TreeMap<>(), true, new TreeMap<>());
			Random random = new Random(42);
			int restart = 0;
			for (int round = -WARMUP_ROUNDS; round < restarts; round++) {
				List<Boolean> order = new ArrayList<>(List.of(false, true));
				Collections.shuffle(order, random);
				for (boolean updated : order) {
					lastReady.clear();
					long fetchesBefore = simulator.restRequests(ASSET_SNAPSHOTS);
					simulator.restart(DOWNTIME);
					Waits.until(() -> !simulator.isRunning(), Duration.ofSeconds(10), "restart");
					// applies to the connections opened after the restart
					simulator.setUpdatedInIdentifiers(updated);
					List<String> ids = simulator.state().assets();
					String renamed = ids.get(restart % ids.size());
					String newName = "renamed offline " + restart;
					simulator.updateAsset(renamed, newName, true);
					String created = simulator.createAsset("created offline " + restart, "echo " + restart, "sh",
							true);
					String deleted = ids.get((restart + 500) % ids.size());
					simulator.deleteAsset(deleted, true);
					Waits.until(simulator::isRunning, Duration.ofSeconds(30), "simulator back");
					long back = System.nanoTime();
					Waits.until(() -> lastReady.size() == 7 && assets.cache().isSynced()
							&& conversations.cache().isSynced()
							&& manager.sockets().stream().allMatch(BaseWebsocket::isConnected), Duration.ofMinutes(1),
							"resync");
					Map.Entry<String, Long> last = lastReady.entrySet()
						.stream()
						.max(Map.Entry.comparingByValue())
						.orElseThrow();
					long fetched = simulator.restRequests(ASSET_SNAPSHOTS) - fetchesBefore;
					check(simulator, assets, restart, renamed, newName, created, deleted);
					if (round >= 0) {
						times.get(updated)[round] = Math.max(0, last.getValue() - back);
						fetches.get(updated)[round] = fetched;
						lastSteps.get(updated).merge(last.getKey(), 1, Integer::sum);
					}
					restart++;
				}
			}
			List<Result> results = new ArrayList<>();
			for (boolean updated : List.of(false, true)) {
				Result result = new Result(initialInterval, maxInterval, updated, Stats.of(times.get(updated)),
						Stats.of(fetches.get(updated)), lastSteps.get(updated));
				System.out.printf(
						"  reconnect (initial backoff %d ms, %s): p50 %s, p99 %s over %d restarts, "
								+ "GET /asset/ per resync %d (min %d, max %d), last step %s%n",
						initialInterval.toMillis(), updated ? "with updated" : "ids only",
						Stats.millis(result.times().p50()), Stats.millis(result.times().p99()), restarts,
						result.fetches().p50(), result.fetches().min(), result.fetches().max(), result.lastSteps());
				results.add(result);
			}
			return results;
		}
	}

	/**
	 * Fail the run unless the asset cache holds exactly the simulator's assets, including what
	 * changed while it was down: a cache that skipped a fetch it needed would make the faster
	 * variant look good for the wrong reason.
	 */
	private static void check(PiecesOsSimulator simulator, AssetsIdentifiersWS assets, int restart, String renamed,
			String newName, String created, String deleted) {
		List<String> expected = simulator.state().assets();
		if (!assets.cache().ids().containsAll(expected) || assets.cache().size() != expected.size()) {
			throw new IllegalStateException("asset cache differs from the simulator after restart " + restart);
		}
		if (!assets.cache().get(renamed).map((asset) -> newName.equals(asset.name())).orElse(false)) {
			throw new IllegalStateException("asset cache missed the rename made during restart " + restart);
		}
		if (assets.cache().get(created).isEmpty() || assets.cache().get(deleted).isPresent()) {
			throw new IllegalStateException("asset cache missed the create or delete made during restart " + restart);
		}
	}

}
