package app.pieces.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * Percentiles and formatting of measured values (durations in nanoseconds, or counts).
 */
final class Stats {

	private final long[] sorted;

	private Stats(long[] values) {
		this.sorted = values.clone();
		Arrays.sort(this.sorted);
	}

	static Stats of(long[] nanos) {
		if (nanos.length == 0) {
			throw new IllegalArgumentException("no values");
		}
		return new Stats(nanos);
	}

	long percentile(double p) {
		int index = (int) Math.ceil(p / 100.0 * this.sorted.length) - 1;
		return this.sorted[Math.max(0, Math.min(index, this.sorted.length - 1))];
	}

	long p50() {
		return percentile(50);
	}

	long p99() {
		return percentile(99);
	}

	long min() {
		return this.sorted[0];
	}

	long max() {
		return this.sorted[this.sorted.length - 1];
	}

	int count() {
		return this.sorted.length;
	}

	static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000.0);
	}

	static String micros(long nanos) {
		return String.format(Locale.ROOT, "%.0f µs", nanos / 1_000.0);
	}

	static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.2f s", nanos / 1_000_000_000.0);
	}

	static String ratio(double value) {
		return String.format(Locale.ROOT, "%.2f×", value);
	}

	static String number(double value) {
		return String.format(Locale.ROOT, "%,.0f", value);
	}

}
