package app.pieces.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.pieces.client.PiecesClient;
import app.pieces.model.Asset;
import app.pieces.model.PiecesJson;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.AssetsListener;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.WebsocketSettings;

/**
 * Benchmark 1: cold cache hydration of N assets with 2 ms REST latency, our client (default
 * settings: one streamed bulk read) vs the sequential baseline, against the same simulator.
 */
final class HydrationBenchmark {

	static final Duration LATENCY = Duration.ofMillis(2);

	private HydrationBenchmark() {
	}

	/**
	 * One size measured with both strategies.
	 * @param assets N
	 * @param ours our time to a synced cache (ns)
	 * @param baseline the sequential time (ns), or -1 when skipped
	 */
	record Result(int assets, long ours, long baseline) {

		double ratio() {
			return (this.baseline > 0) ? (double) this.baseline / this.ours : Double.NaN;
		}

	}

	static List<Result> run(int[] sizes, int baselineLimit) throws Exception {
		List<Result> results = new ArrayList<>();
		// warm-up of both code paths (JIT), not reported
		measure(500, true);
		for (int size : sizes) {
			Result result = measure(size, size <= baselineLimit);
			System.out.printf("  hydration N=%,d: ours %s, sequential %s, ratio %s%n", size, Stats.seconds(result.ours()),
					(result.baseline() > 0) ? Stats.seconds(result.baseline()) : "skipped",
					Stats.ratio(result.ratio()));
			results.add(result);
		}
		return results;
	}

	private static Result measure(int size, boolean withBaseline) throws Exception {
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder()
			.assets(size)
			.conversations(1)
			.healthInterval(Duration.ZERO)
			.restLatency(LATENCY)
			.build()
			.start()) {
			long ours = ours(simulator, size);
			long baseline = -1;
			if (withBaseline) {
				long start = System.nanoTime();
				Map<String, Asset> assets = SequentialBaseline.hydrate(simulator.baseUrl(), simulator.webSocketUrl(),
						PiecesJson.mapper());
				baseline = System.nanoTime() - start;
				check(assets.size(), size, "sequential baseline");
			}
			return new Result(size, ours, baseline);
		}
	}

	private static long ours(PiecesOsSimulator simulator, int size) throws InterruptedException {
		try (PiecesClient client = PiecesClient.builder().baseUrl(simulator.baseUrl()).build();
				PiecesWebsocketManager manager = new PiecesWebsocketManager(client, WebsocketSettings.defaults())) {
			AssetsIdentifiersWS assets = manager.assets(new AssetsListener() {
			});
			long start = System.nanoTime();
			assets.start();
			if (!assets.cache().awaitInitialSync(Duration.ofMinutes(10))) {
				throw new IllegalStateException("no initial sync");
			}
			long took = System.nanoTime() - start;
			check(assets.cache().size(), size, "our client");
			return took;
		}
	}

	private static void check(int actual, int expected, String who) {
		if (actual != expected) {
			throw new IllegalStateException(who + " hydrated " + actual + " assets instead of " + expected);
		}
	}

}
