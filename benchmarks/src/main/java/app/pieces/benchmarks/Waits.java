package app.pieces.benchmarks;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Busy-ish waiting for the drivers (benchmarks may poll; tests may not).
 */
final class Waits {

	private Waits() {
	}

	/**
	 * Poll every 100µs until the condition holds.
	 * @throws IllegalStateException if it does not hold within the timeout
	 */
	static void until(BooleanSupplier condition, Duration timeout, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Timed out after " + timeout + " waiting for " + what);
			}
			LockSupport.parkNanos(100_000);
		}
	}

}
