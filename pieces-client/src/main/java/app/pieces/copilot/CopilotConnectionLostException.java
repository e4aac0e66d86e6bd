package app.pieces.copilot;

import org.jspecify.annotations.Nullable;

/**
 * Ends an answer that was in flight when the {@code /qgpt/stream} socket closed (or the copilot itself was
 * closed), or whose question was never sent: Pieces OS stayed unreachable for the whole
 * {@linkplain CopilotSettings#timeout() timeout}, or the socket gave up reconnecting (the question is then withdrawn
 * from the socket's queue). The question is not re-sent automatically: ask again once the socket has reconnected
 * (questions asked while it reconnects are queued and sent once connected).
 */
public class CopilotConnectionLostException extends CopilotException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param requestId the {@code request} id of the answer concerned
	 * @param message the detail message, e.g. the close reason
	 * @param cause the cause, if any
	 */
	public CopilotConnectionLostException(String requestId, String message, @Nullable Throwable cause) {
		super(message, requestId, cause);
	}

}
