package app.pieces.copilot;

import org.jspecify.annotations.Nullable;

import app.pieces.client.PiecesException;

/**
 * Base class of the copilot's exceptions (a {@link PiecesException}): those that end a copilot answer
 * abnormally (other than by cancellation, which is signalled with a {@link CopilotCancelledException}) and
 * those thrown before a question is sent, such as {@link UnknownModelException}.
 * <p>
 * Messages never contain the question text, which may hold personal data.
 */
public class CopilotException extends PiecesException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String requestId;

	/**
	 * Create a new exception.
	 * @param message the detail message
	 * @param requestId the {@code request} id of the answer concerned, if any
	 * @param cause the cause, if any
	 */
	public CopilotException(String message, @Nullable String requestId, @Nullable Throwable cause) {
		super(message, cause);
		this.requestId = requestId;
	}

	/**
	 * Return the {@code request} id of the answer this exception ended.
	 * @return the request id, or {@code null} when the failure happened before a request was sent
	 */
	public @Nullable String getRequestId() {
		return this.requestId;
	}

}
