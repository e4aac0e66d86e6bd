package app.pieces.websocket;

import java.time.Duration;

import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Immutable reconnect policy of the websockets: exponential backoff with jitter, shaped like
 * Spring Boot's retry property groups ({@code enabled}, {@code initial-interval},
 * {@code multiplier}, {@code max-interval}, {@code jitter}, {@code max-attempts}).
 *
 * @param enabled whether a socket reconnects after a close or failed connect it did not ask
 * for
 * @param initialInterval delay before the first reconnect attempt
 * @param multiplier factor applied to the delay after each failed attempt
 * @param maxInterval upper bound of the delay
 * @param jitter random spread added to or subtracted from each delay (see
 * {@link ExponentialBackOff#setJitter(long)}), so that sockets do not reconnect in lock-step
 * @param maxAttempts maximum number of consecutive attempts before giving up;
 * {@link Long#MAX_VALUE} (the default) means unlimited
 * @author Pieces starter team
 */
public record ReconnectSettings(boolean enabled, Duration initialInterval, double multiplier, Duration maxInterval,
		Duration jitter, long maxAttempts) {

	/**
	 * Validate the settings.
	 * @param enabled whether to reconnect
	 * @param initialInterval the first delay, positive
	 * @param multiplier the growth factor, at least 1
	 * @param maxInterval the maximum delay, not below {@code initialInterval}
	 * @param jitter the random spread, zero or positive
	 * @param maxAttempts the maximum number of attempts, positive
	 */
	public ReconnectSettings {
		Assert.notNull(initialInterval, "'initialInterval' must not be null");
		Assert.notNull(maxInterval, "'maxInterval' must not be null");
		Assert.notNull(jitter, "'jitter' must not be null");
		Assert.isTrue(initialInterval.toMillis() > 0, "'initialInterval' must be positive");
		Assert.isTrue(multiplier >= 1, "'multiplier' must be at least 1");
		Assert.isTrue(maxInterval.compareTo(initialInterval) >= 0, "'maxInterval' must not be below 'initialInterval'");
		Assert.isTrue(!jitter.isNegative(), "'jitter' must not be negative");
		Assert.isTrue(maxAttempts > 0, "'maxAttempts' must be positive");
	}

	/**
	 * Return the defaults: enabled, 500ms initial interval, multiplier 2, 30s maximum
	 * interval, 100ms jitter, unlimited attempts.
	 * @return the default settings
	 */
	public static ReconnectSettings defaults() {
		return new ReconnectSettings(true, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30), Duration.ofMillis(100),
				Long.MAX_VALUE);
	}

	/**
	 * Return a copy with reconnect switched on or off.
	 * @param enabled whether to reconnect
	 * @return a new settings instance
	 */
	public ReconnectSettings withEnabled(boolean enabled) {
		return new ReconnectSettings(enabled, this.initialInterval, this.multiplier, this.maxInterval, this.jitter,
				this.maxAttempts);
	}

	/**
	 * Return a copy with other intervals.
	 * @param initialInterval the first delay
	 * @param maxInterval the maximum delay
	 * @return a new settings instance
	 */
	public ReconnectSettings withIntervals(Duration initialInterval, Duration maxInterval) {
		return new ReconnectSettings(this.enabled, initialInterval, this.multiplier, maxInterval, this.jitter,
				this.maxAttempts);
	}

	/**
	 * Return a copy with another multiplier.
	 * @param multiplier the growth factor
	 * @return a new settings instance
	 */
	public ReconnectSettings withMultiplier(double multiplier) {
		return new ReconnectSettings(this.enabled, this.initialInterval, multiplier, this.maxInterval, this.jitter,
				this.maxAttempts);
	}

	/**
	 * Return a copy with another jitter.
	 * @param jitter the random spread
	 * @return a new settings instance
	 */
	public ReconnectSettings withJitter(Duration jitter) {
		return new ReconnectSettings(this.enabled, this.initialInterval, this.multiplier, this.maxInterval, jitter,
				this.maxAttempts);
	}

	/**
	 * Return a copy with another maximum number of attempts.
	 * @param maxAttempts the maximum number of consecutive attempts
	 * @return a new settings instance
	 */
	public ReconnectSettings withMaxAttempts(long maxAttempts) {
		return new ReconnectSettings(this.enabled, this.initialInterval, this.multiplier, this.maxInterval, this.jitter,
				maxAttempts);
	}

	/**
	 * Create the Spring {@link BackOff} these settings describe; every socket starts a new
	 * {@link org.springframework.util.backoff.BackOffExecution} after each successful connect.
	 * @return a new exponential backoff
	 */
	public BackOff toBackOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.initialInterval.toMillis(), this.multiplier);
		backOff.setMaxInterval(this.maxInterval.toMillis());
		backOff.setJitter(this.jitter.toMillis());
		backOff.setMaxAttempts(this.maxAttempts);
		return backOff;
	}

}
