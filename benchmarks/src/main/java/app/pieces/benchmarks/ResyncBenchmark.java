package app.pieces.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import app.pieces.client.PiecesClient;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.AssetsListener;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.WebsocketSettings;

/**
 * Benchmark 7: the asset cache's resync after a Pieces OS restart (1 s down) during which 7 assets changed silently
 * (3 renamed, 2 created, 2 deleted), with full identifier lists that carry ids only: bulk sync vs per-id fetches,
 * default reconnect settings, fresh client per measurement.
 */
final class ResyncBenchmark {

	private static final Duration DOWNTIME = Duration.ofSeconds(1);

	private ResyncBenchmark() {
	}

	/**
	 * The runs of one variant at one size.
	 * @param assets N
	 * @param bulk whether bulk sync was on
	 * @param times from Pieces OS back to the cache matching it (ns)
	 * @param perId {@code GET /asset/{id}} requests per resync
	 * @param bulkReads {@code GET /assets} requests per resync
	 */
	record Result(int assets, boolean bulk, Stats times, Stats perId, Stats bulkReads) {
	}

	static List<Result> run(int[] sizes, int rounds) {
		List<Result> results = new ArrayList<>();
		Random random = new Random(11);
		for (int size : sizes) {
			try (PiecesOsSimulator simulator = PiecesOsSimulator.builder()
				.assets(size)
				.conversations(1)
				.healthInterval(Duration.ZERO)
				.updatedInIdentifiers(false)
				.build()
				.start()) {
				Map<Boolean, long[][]> runs = new LinkedHashMap<>();
				runs.put(true, new long[3][rounds]);
				runs.put(false, new long[3][rounds]);
				int change = 0;
				for (int round = -1; round < rounds; round++) {
					List<Boolean> order = new ArrayList<>(List.of(true, false));
					Collections.shuffle(order, random);
					for (boolean bulk : order) {
						long[] measured = measure(simulator, bulk, change++);
						if (round >= 0) {
							for (int i = 0; i < 3; i++) {
								runs.get(bulk)[i][round] = measured[i];
							}
						}
					}
				}
				runs.forEach((bulk, values) -> {
					Result result = new Result(size, bulk, Stats.of(values[0]), Stats.of(values[1]),
							Stats.of(values[2]));
					System.out.printf(Locale.ROOT, "  resync N=%,d %s: p50 %s, GET /asset/{id} %d, GET /assets %d%n",
							size, bulk ? "bulk" : "per-id", Stats.millis(result.times().p50()), result.perId().p50(),
							result.bulkReads().p50());
					results.add(result);
				});
			}
		}
		return results;
	}

	/**
	 * @return the time from Pieces OS back to the cache matching it, and the per-id and bulk reads meanwhile
	 */
	private static long[] measure(PiecesOsSimulator simulator, boolean bulk, int change) {
		try (PiecesClient client = PiecesClient.builder().baseUrl(simulator.baseUrl()).build();
				PiecesWebsocketManager manager = new PiecesWebsocketManager(client,
						WebsocketSettings.defaults().withBulkSync(bulk))) {
			AssetsIdentifiersWS assets = manager.assets(new AssetsListener() {
			});
			assets.start();
			Waits.until(() -> assets.cache().isSynced(), Duration.ofMinutes(5), "first sync");
			long perIdBefore = simulator.restRequests("/asset/");
			long bulkBefore = bulkReads(simulator);
			simulator.restart(DOWNTIME);
			Waits.until(() -> !simulator.isRunning(), Duration.ofSeconds(10), "restart");
			List<String> ids = simulator.state().assets();
			Map<String, String> renamed = new LinkedHashMap<>();
			for (int i = 0; i < 3; i++) {
				String id = ids.get((change * 7 + i * 101) % ids.size());
				String name = "renamed offline " + change + "." + i;
				simulator.updateAsset(id, name, true);
				renamed.put(id, name);
			}
			for (int i = 0; i < 2; i++) {
				simulator.createAsset("created offline " + change + "." + i, "echo " + i, "sh", true);
				String deleted = ids.get((change * 7 + i * 307 + 50) % ids.size());
				if (!renamed.containsKey(deleted)) {
					simulator.deleteAsset(deleted, true);
				}
			}
			Waits.until(simulator::isRunning, Duration.ofSeconds(30), "simulator back");
			long back = System.nanoTime();
			Waits.until(() -> matches(simulator, assets, renamed), Duration.ofMinutes(5), "resync");
			long took = System.nanoTime() - back;
			return new long[] { took, simulator.restRequests("/asset/") - perIdBefore,
					bulkReads(simulator) - bulkBefore };
		}
	}

	private static long bulkReads(PiecesOsSimulator simulator) {
		return simulator.restRequests("/assets") - simulator.restRequests("/assets/");
	}

	private static boolean matches(PiecesOsSimulator simulator, AssetsIdentifiersWS assets,
			Map<String, String> renamed) {
		if (!assets.cache().isSynced()
				|| !new HashSet<>(simulator.state().assets()).equals(new HashSet<>(assets.cache().ids()))) {
			return false;
		}
		return renamed.entrySet()
			.stream()
			.allMatch((entry) -> assets.cache()
				.get(entry.getKey())
				.map((asset) -> entry.getValue().equals(asset.name()))
				.orElse(false));
	}

	static void render(StringBuilder md, List<Result> results) {
		md.append("## 7. Resync after a restart, ids-only identifier lists: bulk vs per-id\n\n");
		if (results.isEmpty()) {
			md.append("Not run.\n\n");
			return;
		}
		md.append("Simulator with N assets; the full identifier list after a connect carries ids only (the case PROTOCOL.md "
				+ "§4.3 leaves open, so the one to make cheap). A fresh client with default reconnect settings (500 ms "
				+ "initial backoff, ×2, 100 ms jitter) syncs, then Pieces OS restarts with 1 s downtime during which 7 "
				+ "assets change silently (3 renamed, 2 created, 2 deleted). Measured: from the simulator listening "
				+ "again to the cache holding exactly its assets with the renames applied; the REST requests counted "
				+ "by the simulator in the same span. *Bulk*: defaults; *per-id*: `pieces.cache.bulk-sync=false`. The "
				+ "two alternate in a shuffled order per round, after one discarded round.\n\n");
		md.append("| N | variant | resyncs | p50 | max | GET /asset/{id} per resync (median) | GET /assets per resync "
				+ "(median) |\n|---:|---|---:|---:|---:|---:|---:|\n");
		Map<Integer, Map<Boolean, Result>> bySize = new LinkedHashMap<>();
		for (Result result : results) {
			md.append(String.format(Locale.ROOT, "| %,d | %s | %d | %s | %s | %,d | %d |%n", result.assets(),
					result.bulk() ? "bulk" : "per-id", result.times().count(), Stats.millis(result.times().p50()),
					Stats.millis(result.times().max()), result.perId().p50(), result.bulkReads().p50()));
			bySize.computeIfAbsent(result.assets(), (key) -> new LinkedHashMap<>()).put(result.bulk(), result);
		}
		md.append("\n| N | **p50 per-id / bulk** | per-id requests: per-id → bulk |\n|---:|---:|---:|\n");
		bySize.forEach((size, pair) -> md.append(String.format(Locale.ROOT, "| %,d | **%s** | %,d → %,d |%n", size,
				Stats.ratio((double) pair.get(false).times().p50() / pair.get(true).times().p50()),
				pair.get(false).perId().p50(), pair.get(true).perId().p50())));
		md.append("\nThe time includes the reconnect backoff (the sockets notice the drop at once and back off while "
				+ "Pieces OS is down), which is the floor for both variants.\n\n");
	}

}
