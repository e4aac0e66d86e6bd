package app.pieces.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the benchmarks in one JVM (startup forks JVMs through JMH, the cold sync one JVM per run) and writes
 * {@code RESULTS.md} and {@code hydration.png}.
 * <p>
 * Usage: {@code java -jar benchmarks/target/benchmarks.jar [--quick] [--out=DIR]
 * [--only=hydration,dispatch,reconnect,startup,memory,coldsync,resync]}. The default output directory is
 * {@code benchmarks} when run from the repository root, else the working directory.
 */
public final class BenchmarkMain {

	private static final List<String> ALL = List.of("hydration", "dispatch", "reconnect", "startup", "memory", "coldsync", "resync");

	private BenchmarkMain() {
	}

	/**
	 * Run the benchmarks.
	 * @param args the options
	 * @throws Exception if a benchmark fails
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				usage("unexpected argument " + arg);
			}
			String[] pair = arg.substring(2).split("=", 2);
			options.put(pair[0], (pair.length > 1) ? pair[1] : "true");
		}
		boolean quick = options.containsKey("quick");
		Path out = Path.of(options.getOrDefault("out",
				Files.isRegularFile(Path.of("benchmarks", "pom.xml")) ? "benchmarks" : "."));
		Set<String> only = Set.copyOf(Arrays.asList(options.getOrDefault("only", String.join(",", ALL)).split(",")));
		if (!ALL.containsAll(only)) {
			usage("unknown benchmark in --only: " + only);
		}
		Files.createDirectories(out);
		Report report = new Report(quick, machineFacts(), String.join(" ", args));
		long started = System.nanoTime();
		report.loadAtStart(load());
		// first, while the heap holds nothing of the other benchmarks
		if (only.contains("memory")) {
			System.out.println("5. memory");
			report.memory(MemoryBenchmark.run(10_000));
		}
		if (only.contains("hydration")) {
			System.out.println("1. hydration");
			int[] sizes = quick ? new int[] { 1_000, 10_000 } : new int[] { 1_000, 10_000, 50_000 };
			int baselineMax = Integer.parseInt(options.getOrDefault("baseline-max", "10000"));
			report.hydration(HydrationBenchmark.run(sizes, baselineMax));
			HydrationChart.write(report.hydrationResults(), out.resolve("hydration.png"));
		}
		if (only.contains("dispatch")) {
			System.out.println("2. frame dispatch");
			report.dispatch(DispatchBenchmark.run(quick ? 5_000 : 20_000, quick ? 500 : 2_000));
		}
		if (only.contains("reconnect")) {
			System.out.println("3. reconnect");
			int restarts = quick ? 8 : 25;
			List<ReconnectBenchmark.Result> reconnect = new ArrayList<>();
			reconnect.addAll(ReconnectBenchmark.run(Duration.ofMillis(50), Duration.ofMillis(500), restarts));
			reconnect.addAll(ReconnectBenchmark.run(Duration.ofMillis(500), Duration.ofSeconds(30), restarts));
			report.reconnect(reconnect);
		}
		if (only.contains("startup")) {
			System.out.println("4. startup (JMH)");
			List<StartupRunner.Result> startup = new ArrayList<>(StartupRunner.run(quick ? 3 : 6));
			startup.addAll(WarmStartupBenchmark.run(quick ? 3 : 5, quick ? 8 : 20));
			report.startup(startup);
		}
		if (only.contains("coldsync")) {
			System.out.println("6. cold Boot app sync (a JVM per run)");
			// 2,000: the library size the sample app's cold hydration is judged at
			int[] sizes = quick ? new int[] { 1_000, 10_000 } : new int[] { 1_000, 2_000, 10_000, 50_000 };
			int baselineMax = Integer.parseInt(options.getOrDefault("baseline-max", "10000"));
			List<ColdSyncBenchmark.Result> coldSync = ColdSyncBenchmark.run(sizes, quick ? 1 : 3, baselineMax);
			report.section((md) -> ColdSyncBenchmark.render(md, coldSync));
		}
		if (only.contains("resync")) {
			System.out.println("7. resync after a restart");
			List<ResyncBenchmark.Result> resync = ResyncBenchmark.run(new int[] { 1_000, 10_000 }, quick ? 2 : 4);
			report.section((md) -> ResyncBenchmark.render(md, resync));
		}
		report.loadAtEnd(load());
		report.took(Duration.ofNanos(System.nanoTime() - started).truncatedTo(ChronoUnit.SECONDS));
		Path results = out.resolve("RESULTS.md");
		Files.writeString(results, report.render());
		System.out.println("Wrote " + results.toAbsolutePath()
				+ (only.contains("hydration") ? " and " + out.resolve("hydration.png").toAbsolutePath() : ""));
		System.exit(0);
	}

	private static void usage(String problem) {
		System.err.println(problem);
		System.err.println("usage: java -jar benchmarks.jar [--quick] [--out=DIR] [--baseline-max=N] [--only="
				+ String.join(",", ALL) + "]");
		System.exit(2);
	}

	private static String load() {
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		return (load >= 0) ? String.format(Locale.ROOT, "%.2f", load) : "n/a";
	}

	private static Map<String, String> machineFacts() {
		Map<String, String> facts = new LinkedHashMap<>();
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		facts.put("CPU cores (available to the JVM)", String.valueOf(Runtime.getRuntime().availableProcessors()));
		facts.put("CPU model", cpuModel());
		if (os instanceof com.sun.management.OperatingSystemMXBean sunOs) {
			facts.put("physical memory", String.format(Locale.ROOT, "%.1f GiB", sunOs.getTotalMemorySize() / 1073741824.0));
		}
		facts.put("max heap of the benchmark JVM", String.format(Locale.ROOT, "%d MiB", Runtime.getRuntime().maxMemory() >> 20));
		facts.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vm.vendor") + ")");
		facts.put("garbage collector", ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.map((gc) -> gc.getName())
			.collect(Collectors.joining(", ")));
		facts.put("OS", os.getName() + " " + os.getVersion() + " " + os.getArch());
		return facts;
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (Exception ex) {
			return "unknown";
		}
	}

}
