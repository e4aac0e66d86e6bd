package app.pieces.copilot;

import java.util.Locale;

/**
 * How a copilot answer ended. Used as the low-cardinality {@code pieces.copilot.outcome} observation tag
 * ({@link #tagValue()}) and reported by {@link CopilotAnswer#outcome()}.
 */
public enum CopilotOutcome {

	/** Pieces OS sent {@code COMPLETED}. */
	SUCCESS,

	/** Pieces OS sent {@code FAILED} (or another unexpected terminal status). */
	FAILED,

	/** Stopped by the caller, or ended by Pieces OS with {@code STOPPED}, {@code CANCELED} or {@code RESET}. */
	CANCELLED,

	/** Pieces OS stayed silent for longer than the configured timeout. */
	TIMEOUT,

	/** The socket closed (or the copilot was closed) while the answer was in flight. */
	CONNECTION_LOST;

	/**
	 * Return the value used as observation tag, the lower-case name, e.g. {@code connection_lost}.
	 * @return the tag value
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
