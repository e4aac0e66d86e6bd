package app.pieces.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;

import app.pieces.client.PiecesClient;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.AssetsListener;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.WebsocketSettings;

/**
 * Benchmark 5: heap retained per cached asset with 10,000 assets: used heap after a full GC
 * with the cache hydrated, minus used heap after the client and its cache are released (the
 * simulator, in the same JVM, holds the same data in both measurements).
 */
final class MemoryBenchmark {

	private MemoryBenchmark() {
	}

	/**
	 * @param assets cached assets
	 * @param retainedBytes heap retained by client and cache (hydrated minus released)
	 * @param growthBytes heap growth from before the client existed to hydrated (a cross-check)
	 * @param averageJsonBytes average size of one asset's REST JSON
	 */
	record Result(int assets, long retainedBytes, long growthBytes, long averageJsonBytes) {

		long perAsset() {
			return this.retainedBytes / this.assets;
		}

	}

	static Result run(int size) throws Exception {
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder()
			.assets(size)
			.conversations(1)
			.healthInterval(Duration.ZERO)
			.build()
			.start()) {
			List<String> ids = simulator.state().assets();
			long jsonBytes = 0;
			int sample = Math.min(200, ids.size());
			for (int i = 0; i < sample; i++) {
				jsonBytes += simulator.assetJson(ids.get(i * ids.size() / sample)).orElseThrow().length();
			}
			long before = usedAfterGc();
			long withCache;
			PiecesClient client = PiecesClient.builder().baseUrl(simulator.baseUrl()).build();
			PiecesWebsocketManager manager = new PiecesWebsocketManager(client, WebsocketSettings.defaults());
			AssetsIdentifiersWS assets = manager.assets(new AssetsListener() {
			});
			assets.start();
			if (!assets.cache().awaitInitialSync(Duration.ofMinutes(5)) || assets.cache().size() != size) {
				throw new IllegalStateException("hydration failed");
			}
			manager.closeAll();
			client.close();
			withCache = usedAfterGc();
			// keep the cache reachable until the first measurement is taken
			int cached = assets.cache().size();
			assets = null;
			manager = null;
			client = null;
			long without = usedAfterGc();
			Result result = new Result(cached, withCache - without, withCache - before, jsonBytes / sample);
			System.out.printf("  memory: %,d bytes retained for %,d assets = %,d bytes per asset (REST JSON %,d bytes);"
					+ " cross-check: heap grew %,d bytes per asset%n", result.retainedBytes(), cached, result.perAsset(),
					result.averageJsonBytes(), result.growthBytes() / cached);
			return result;
		}
	}

	static long usedAfterGc() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			Thread.sleep(100);
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
