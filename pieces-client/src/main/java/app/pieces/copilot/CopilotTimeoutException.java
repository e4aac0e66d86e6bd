package app.pieces.copilot;

import java.time.Duration;

/**
 * Ends an answer when Pieces OS stayed silent about it for longer than the configured timeout
 * ({@link CopilotSettings#timeout()}), or when a blocking wait ran out of time. The copilot sends a stop
 * frame for the answer before failing it.
 */
public class CopilotTimeoutException extends CopilotException {

	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	/**
	 * Create a new exception.
	 * @param requestId the {@code request} id of the answer that timed out
	 * @param timeout the timeout that elapsed
	 * @param message the detail message
	 */
	public CopilotTimeoutException(String requestId, Duration timeout, String message) {
		super(message, requestId, null);
		this.timeout = timeout;
	}

	/**
	 * Return the timeout that elapsed.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
