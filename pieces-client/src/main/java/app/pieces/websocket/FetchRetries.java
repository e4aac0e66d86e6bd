package app.pieces.websocket;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The retry policy of one {@link IdentifierCache}: quick retries with backoff per failing id, then a slow retry
 * every few seconds for ids that gave up, one summary log line per batch of give-ups, and how long fetches wait
 * after an outage. Guarded by the cache's lock, except {@link #noneGivenUp()}.
 */
final class FetchRetries {

	/**
	 * When a failed fetch runs again.
	 * @param delay the delay before the next fetch
	 * @param givenUpNow whether the id's quick retries ran out with this failure (report it, once)
	 * @param slow whether it is the slow retry of an id that gave up
	 */
	record Next(Duration delay, boolean givenUpNow, boolean slow) {
	}

	private final String name;

	private BackOff quick;

	private Duration slowInterval = Duration.ofSeconds(5);

	private Duration outageProbeInterval = Duration.ofSeconds(2);

	private Duration summaryDelay = Duration.ofSeconds(1);

	private final Map<String, BackOffExecution> running = new HashMap<>();

	/** Ids whose quick retries ran out; concurrent so that {@code isSynced()} can read it without the lock. */
	private final Set<String> givenUp = ConcurrentHashMap.newKeySet();

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

	Duration outageProbeInterval() {
		return this.outageProbeInterval;
	}

	Duration summaryDelay() {
		return this.summaryDelay;
	}

	/** A new event, a successful fetch or a removal: the id starts afresh. */
	void forget(String id) {
		this.running.remove(id);
		this.givenUp.remove(id);
	}

	boolean noneGivenUp() {
		return this.givenUp.isEmpty();
	}

	int givenUpCount() {
		return this.givenUp.size();
	}

	Next next(String id) {
		if (this.givenUp.contains(id)) {
			return new Next(this.slowInterval, false, true);
		}
		long delay = this.running.computeIfAbsent(id, (key) -> this.quick.start()).nextBackOff();
		if (delay == BackOffExecution.STOP) {
			this.running.remove(id);
			this.givenUp.add(id);
			return new Next(this.slowInterval, true, true);
		}
		return new Next(Duration.ofMillis(delay), false, false);
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
