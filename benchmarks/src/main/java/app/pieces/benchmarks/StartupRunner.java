package app.pieces.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link StartupBenchmark} with JMH, cold: a fresh JVM per measurement (the warm part is
 * {@link WarmStartupBenchmark}).
 */
final class StartupRunner {

	private StartupRunner() {
	}

	/**
	 * @param mode {@code cold} or {@code warm, interleaved}
	 * @param variant the benchmark variant
	 * @param millis mean refresh time
 * @param median median refresh time
	 * @param error the 99.9% confidence half-width (NaN when JMH cannot compute it)
	 * @param samples the number of measurements
	 */
	record Result(String mode, String variant, double millis, double median, double error, long samples) {
	}

	static List<Result> run(int coldForks) throws Exception {
		List<Result> results = new ArrayList<>();
		Options cold = new OptionsBuilder().include(StartupBenchmark.class.getName() + ".refresh")
			.forks(coldForks)
			.warmupIterations(0)
			.measurementIterations(1)
			.jvmArgsAppend("-Xmx512m")
			.verbosity(VerboseMode.SILENT)
			.build();
		collect("cold", new Runner(cold).run(), results);
		return results;
	}

	private static void collect(String mode, Collection<RunResult> runs, List<Result> results) {
		for (RunResult run : runs) {
			String variant = run.getParams().getParam("variant");
			org.openjdk.jmh.results.Result<?> primary = run.getPrimaryResult();
			Result result = new Result(mode, variant, primary.getScore(), primary.getStatistics().getPercentile(50),
					primary.getScoreError(),
					primary.getStatistics().getN());
			System.out.printf("  startup %s %s: mean %.1f ms, median %.1f ms (n=%d)%n", mode, variant, result.millis(),
					result.median(), result.samples());
			results.add(result);
		}
	}

}
