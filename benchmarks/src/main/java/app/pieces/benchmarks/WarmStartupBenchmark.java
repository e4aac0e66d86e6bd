package app.pieces.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import app.pieces.simulator.PiecesOsSimulator;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 4, warm part: the three startup variants of {@link StartupBenchmark} refreshed
 * again and again in one JVM, interleaved in a shuffled order per round, so that a change of
 * machine load during the run hits all variants alike (on a shared machine JMH's one-variant-
 * after-the-other order turned load drift into fake differences).
 */
final class WarmStartupBenchmark {

	static final List<String> VARIANTS = List.of("without-starter", "pieces-present", "pieces-absent");

	private WarmStartupBenchmark() {
	}

	static List<StartupRunner.Result> run(int warmupRounds, int rounds) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		Map<String, long[]> times = new LinkedHashMap<>();
		VARIANTS.forEach((variant) -> times.put(variant, new long[rounds]));
		Random random = new Random(42);
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder()
			.assets(100)
			.healthInterval(Duration.ZERO)
			.build()
			.start()) {
			for (int round = -warmupRounds; round < rounds; round++) {
				List<String> order = new ArrayList<>(VARIANTS);
				Collections.shuffle(order, random);
				for (String variant : order) {
					int port = "pieces-present".equals(variant) ? simulator.port() : closedPort;
					long start = System.nanoTime();
					ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchApplication.class)
						.web(WebApplicationType.NONE)
						.logStartupInfo(false)
						.run("--pieces.enabled=" + !"without-starter".equals(variant), "--spring.main.banner-mode=off",
								"--logging.level.root=WARN", "--pieces.discovery.first-port=" + port,
								"--pieces.discovery.last-port=" + port, "--pieces.discovery.port-files-enabled=false",
								"--pieces.discovery.legacy-ports=false");
					long took = System.nanoTime() - start;
					context.close();
					if (round >= 0) {
						times.get(variant)[round] = took;
					}
				}
			}
		}
		List<StartupRunner.Result> results = new ArrayList<>();
		times.forEach((variant, nanos) -> {
			double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
			StartupRunner.Result result = new StartupRunner.Result("warm, interleaved", variant, mean,
					Stats.of(nanos).p50() / 1e6, Double.NaN, nanos.length);
			System.out.printf("  startup warm %s: mean %.1f ms, median %.1f ms (n=%d)%n", variant, result.millis(),
					result.median(), result.samples());
			results.add(result);
		});
		return results;
	}

}
