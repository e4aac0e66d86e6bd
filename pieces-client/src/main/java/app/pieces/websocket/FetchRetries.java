package app.pieces.websocket;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The retry policy of one {@link IdentifierCache}: quick retries with backoff per failing id (the running
 * {@link BackOffExecution} lives in the id's entry), then a slow retry every few seconds for ids that gave up,
 * one summary log line per batch of give-ups, how long fetches wait after an outage and how long a bulk read may
 * stall. Guarded by the cache's lock.
 */
final class FetchRetries {

	private final String name;

	private BackOff quick;

	private Duration slowInterval = Duration.ofSeconds(5);

	private Duration outageProbeInterval = Duration.ofSeconds(2);

	private Duration summaryDelay = Duration.ofSeconds(1);

	private Duration bulkStallTimeout = Duration.ofSeconds(30);

	/** Ids given up since the last summary line, and the last failure among them. */
	private int unlogged;

	private @Nullable RuntimeException lastFailure;

	FetchRetries(String name) {
		this.name = name;
		ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
		backOff.setMaxInterval(5_000);
		backOff.setJitter(50);
		backOff.setMaxAttempts(4);
		this.quick = backOff;
	}

	void timings(BackOff quick, Duration slowInterval, Duration outageProbeInterval, Duration summaryDelay) {
		this.quick = quick;
		this.slowInterval = slowInterval;
		this.outageProbeInterval = outageProbeInterval;
		this.summaryDelay = summaryDelay;
	}

	void bulkStallTimeout(Duration timeout) {
		this.bulkStallTimeout = timeout;
	}

	BackOffExecution startQuick() {
		return this.quick.start();
	}

	Duration slowInterval() {
		return this.slowInterval;
	}

	Duration outageProbeInterval() {
		return this.outageProbeInterval;
	}

	Duration summaryDelay() {
		return this.summaryDelay;
	}

	Duration bulkStallTimeout() {
		return this.bulkStallTimeout;
	}

	/**
	 * Count a give-up for the next summary line.
	 * @return whether it is the first of a batch (the caller schedules {@link #takeSummary()})
	 */
	boolean countGiveUp(RuntimeException failure) {
		this.lastFailure = failure;
		return this.unlogged++ == 0;
	}

	/**
	 * Return the summary line of the give-ups counted since the last one, or {@code null} if there were none.
	 */
	@Nullable String takeSummary() {
		int count = this.unlogged;
		RuntimeException failure = this.lastFailure;
		this.unlogged = 0;
		this.lastFailure = null;
		if (count == 0) {
			return null;
		}
		return "Could not fetch " + count + " item(s) of the " + this.name + " cache after retries (last error: "
				+ failure + "); retrying them every " + this.slowInterval.toSeconds()
				+ "s, the cache is not in sync meanwhile";
	}

}
