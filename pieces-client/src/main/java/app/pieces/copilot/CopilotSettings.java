package app.pieces.copilot;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Immutable settings of a {@link PiecesCopilot}.
 *
 * @param timeout how long an answer may stay silent (no frame for it) before it is stopped and failed with
 * a {@link CopilotTimeoutException}; measured from the question and reset by every frame of the answer;
 * default 60 seconds
 * @param defaultModel the name (or id) of the model used when a request names none; {@code null} (default)
 * lets Pieces OS choose
 */
public record CopilotSettings(Duration timeout, @Nullable String defaultModel) {

	/** The default silence timeout, 60 seconds. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * Validate the settings.
	 * @param timeout the silence timeout, must be positive
	 * @param defaultModel the default model name or id, or {@code null}
	 */
	public CopilotSettings {
		Assert.notNull(timeout, "'timeout' must not be null");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		Assert.isTrue(defaultModel == null || !defaultModel.isBlank(), "'defaultModel' must not be blank");
	}

	/**
	 * Return the default settings: a 60 second silence timeout and no default model.
	 * @return the defaults
	 */
	public static CopilotSettings defaults() {
		return new CopilotSettings(DEFAULT_TIMEOUT, null);
	}

	/**
	 * Return a copy with another silence timeout.
	 * @param timeout the new timeout, must be positive
	 * @return new settings
	 */
	public CopilotSettings withTimeout(Duration timeout) {
		return new CopilotSettings(timeout, this.defaultModel);
	}

	/**
	 * Return a copy with another default model.
	 * @param defaultModel the model name or id, or {@code null} to let Pieces OS choose
	 * @return new settings
	 */
	public CopilotSettings withDefaultModel(@Nullable String defaultModel) {
		return new CopilotSettings(this.timeout, defaultModel);
	}

}
