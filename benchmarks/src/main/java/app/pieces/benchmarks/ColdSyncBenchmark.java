package app.pieces.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import app.pieces.simulator.PiecesOsSimulator;

/**
 * Benchmark 6: the asset cache of a cold Boot app as a user starts it, a fresh JVM per run ({@link ColdSyncChild}):
 * bulk sync vs per-id fetches ({@code pieces.cache.bulk-sync=false}) vs the sequential baseline, against the
 * physical limit: the same bytes read by a bare Jackson streaming loop in a fresh JVM. Also the peak heap.
 */
final class ColdSyncBenchmark {

	static final List<String> VARIANTS = List.of("boot-bulk", "boot-per-id", "sequential", "bare");

	private ColdSyncBenchmark() {
	}

	/**
	 * The runs of one variant at one size.
	 * @param assets N
	 * @param variant the variant
	 * @param took the measured times (ns), one per run
	 * @param peak the largest heap in use after a collection (bytes), per run
	 * @param bytes the size of the bulk answer (bare variant only, else -1)
	 */
	record Result(int assets, String variant, List<Long> took, List<Long> peak, long bytes) {

		long median() {
			return medianOf(this.took);
		}

		long medianPeak() {
			return medianOf(this.peak);
		}

		private static long medianOf(List<Long> values) {
			List<Long> sorted = new ArrayList<>(values);
			Collections.sort(sorted);
			return sorted.get(sorted.size() / 2);
		}

	}

	static List<Result> run(int[] sizes, int rounds, int sequentialMax) throws Exception {
		List<Result> results = new ArrayList<>();
		Random random = new Random(7);
		for (int size : sizes) {
			try (PiecesOsSimulator simulator = PiecesOsSimulator.builder()
				.assets(size)
				.conversations(20)
				.healthInterval(Duration.ZERO)
				.restLatency(HydrationBenchmark.LATENCY)
				.build()
				.start()) {
				Map<String, List<Long>> took = new LinkedHashMap<>();
				Map<String, List<Long>> peaks = new HashMap<>();
				long bytes = -1;
				List<String> variants = new ArrayList<>(VARIANTS);
				if (size > sequentialMax) {
					variants.remove("sequential");
				}
				variants.forEach((variant) -> took.put(variant, new ArrayList<>()));
				for (int round = 0; round < rounds; round++) {
					// shuffled per round, so load drift on this shared machine hits every variant alike
					List<String> order = new ArrayList<>(variants);
					Collections.shuffle(order, random);
					for (String variant : order) {
						Map<String, Long> line = child(variant, simulator, size);
						took.get(variant).add(line.get("took"));
						peaks.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(line.get("peak"));
						if (line.get("bytes") > 0) {
							bytes = line.get("bytes");
						}
						System.out.printf(Locale.ROOT, "  cold sync N=%,d %s: %s (peak heap %d MiB)%n", size, variant,
								Stats.seconds(line.get("took")), line.get("peak") >> 20);
					}
				}
				for (String variant : variants) {
					results.add(new Result(size, variant, took.get(variant), peaks.get(variant),
							variant.equals("bare") ? bytes : -1));
				}
			}
		}
		return results;
	}

	private static Map<String, Long> child(String variant, PiecesOsSimulator simulator, int size)
			throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
				ColdSyncChild.class.getName(), variant, simulator.baseUrl(), simulator.webSocketUrl(),
				String.valueOf(size))
			.redirectErrorStream(true)
			.start();
		Map<String, Long> result = null;
		List<String> output = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("RESULT ")) {
					result = new HashMap<>();
					for (String pair : line.substring(7).split(" ")) {
						String[] keyValue = pair.split("=", 2);
						if (!keyValue[0].equals("variant")) {
							result.put(keyValue[0], Long.parseLong(keyValue[1]));
						}
					}
				}
				else if (output.size() < 40) {
					output.add(line);
				}
			}
		}
		if (!process.waitFor(10, TimeUnit.MINUTES) || result == null) {
			process.destroyForcibly();
			throw new IllegalStateException("cold sync " + variant + " N=" + size + " failed:\n"
					+ String.join("\n", output));
		}
		return result;
	}

	static void render(StringBuilder md, List<Result> results) {
		md.append("## 6. Cold Boot app: bulk sync vs per-id vs sequential vs the bare read\n\n");
		if (results.isEmpty()) {
			md.append("Not run.\n\n");
			return;
		}
		md.append("Simulator with N assets (and 20 conversations) and 2 ms added to every REST call, in the benchmark "
				+ "JVM. Every measurement starts a **fresh JVM** (`ColdSyncChild`, `-Xmx1g`), so each variant is as cold "
				+ "as a user's app; the variants run in a shuffled order per round and the median of the rounds is "
				+ "shown. *Boot, bulk*: a Boot app with the starter (defaults), from the context being ready to "
				+ "`assets.cache().awaitInitialSync()`: one streamed `GET /assets?transferables=false`. *Boot, "
				+ "per-id*: the same app with `pieces.cache.bulk-sync=false`: one `GET /asset/{id}` per asset, 8 at a "
				+ "time. *Sequential*: the Python SDK's strategy (one blocking `GET /asset/{id}` after the other) in a "
				+ "fresh JVM without Boot. *Bare read*: the physical limit on this machine, the same bytes as the bulk "
				+ "answer read by the JDK `HttpClient` and tokenised by a bare Jackson streaming loop that binds "
				+ "nothing, in a fresh JVM, timed from the request: the client and the parser factory are built "
				+ "before the clock starts, as the Boot app builds its beans before it is ready. *Peak heap*: the largest heap in use right after a garbage collection during "
				+ "the run (what was live), or the heap after a final `System.gc()` if larger.\n\n");
		md.append("| N | Boot, bulk | Boot, per-id | sequential | bare read | **per-id / bulk** | **sequential / bulk** "
				+ "| **bulk / bare read** | peak heap: bulk / per-id | bulk answer |\n");
		md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		Map<Integer, Map<String, Result>> bySize = new LinkedHashMap<>();
		for (Result result : results) {
			bySize.computeIfAbsent(result.assets(), (key) -> new HashMap<>()).put(result.variant(), result);
		}
		bySize.forEach((size, variants) -> {
			Result bulk = variants.get("boot-bulk");
			Result perId = variants.get("boot-per-id");
			Result sequential = variants.get("sequential");
			Result bare = variants.get("bare");
			md.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | **%s** | **%s** | **%s** | %d / %d MiB | %s |%n",
					size, Stats.seconds(bulk.median()), Stats.seconds(perId.median()),
					(sequential != null) ? Stats.seconds(sequential.median()) : "not run",
					Stats.seconds(bare.median()), Stats.ratio((double) perId.median() / bulk.median()),
					(sequential != null) ? Stats.ratio((double) sequential.median() / bulk.median()) : "–",
					Stats.ratio((double) bulk.median() / bare.median()), bulk.medianPeak() >> 20,
					perId.medianPeak() >> 20, String.format(Locale.ROOT, "%.1f MiB", bare.bytes() / 1048576.0)));
		});
		int rounds = results.get(0).took().size();
		md.append("\n").append(rounds).append(" round(s) per size; every run of every variant:\n\n");
		md.append("| N | variant | runs |\n|---:|---|---|\n");
		for (Result result : results) {
			md.append(String.format(Locale.ROOT, "| %,d | %s | %s |%n", result.assets(), result.variant(),
					String.join(", ", result.took().stream().map(Stats::seconds).toList())));
		}
		md.append("\nThe sequential baseline runs up to N = 10,000 (`--baseline-max`). The bulk answer is never in "
				+ "memory as a whole: the bulk variant's peak heap stays near the per-id variant's although the answer "
				+ "itself is the size shown in the last column (the cached assets are what both keep).\n\n");
	}

}
