package app.pieces.copilot;

import org.jspecify.annotations.Nullable;

/**
 * Thrown (or used to complete an answer's futures exceptionally) when Pieces OS ends an answer with
 * status {@code FAILED} (or an unrecognised terminal status), carrying the server's {@code errorMessage}
 * and {@code statusCode}, e.g. {@code 401} / {@code UserSubscriptionRequired}.
 */
public class CopilotFailedException extends CopilotException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String errorMessage;

	private final @Nullable Integer statusCode;

	private final @Nullable String status;

	/**
	 * Create a new exception.
	 * @param requestId the {@code request} id of the failed answer
	 * @param status the wire name of the terminal status (e.g. {@code FAILED})
	 * @param statusCode the HTTP-like {@code statusCode} of the frame, if any
	 * @param errorMessage the {@code errorMessage} of the frame, if any
	 */
	public CopilotFailedException(@Nullable String requestId, @Nullable String status, @Nullable Integer statusCode,
			@Nullable String errorMessage) {
		super(buildMessage(status, statusCode, errorMessage), requestId, null);
		this.status = status;
		this.statusCode = statusCode;
		this.errorMessage = errorMessage;
	}

	private static String buildMessage(@Nullable String status, @Nullable Integer statusCode,
			@Nullable String errorMessage) {
		StringBuilder message = new StringBuilder("Pieces OS copilot answer ended with status ")
			.append((status != null) ? status : "none");
		if (statusCode != null) {
			message.append(" (statusCode ").append(statusCode).append(')');
		}
		message.append(": ").append((errorMessage != null) ? errorMessage : "no errorMessage given");
		return message.toString();
	}

	/**
	 * Return the {@code errorMessage} Pieces OS sent, e.g. {@code UserSubscriptionRequired}.
	 * @return the error message, or {@code null} if the frame had none
	 */
	public @Nullable String getErrorMessage() {
		return this.errorMessage;
	}

	/**
	 * Return the HTTP-like {@code statusCode} Pieces OS sent (401 auth, 429 quota, 500 error, 503 overloaded).
	 * @return the status code, or {@code null} if the frame had none
	 */
	public @Nullable Integer getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Return the wire name of the terminal status, usually {@code FAILED}.
	 * @return the status, or {@code null} if the frame had none
	 */
	public @Nullable String getStatus() {
		return this.status;
	}

}
