package app.pieces.copilot;

import java.util.concurrent.CancellationException;

import org.jspecify.annotations.Nullable;

/**
 * Completes the futures of an answer that was cancelled: stopped by the caller ({@link CopilotAnswer#stop()}),
 * or ended by Pieces OS with status {@code STOPPED}, {@code CANCELED} or {@code RESET}. Because it is a
 * {@link CancellationException}, {@link java.util.concurrent.CompletableFuture#isCancelled()} reports
 * {@code true} for those futures.
 */
public class CopilotCancelledException extends CancellationException {

	private static final long serialVersionUID = 1L;

	private final String requestId;

	private final @Nullable String status;

	/**
	 * Create a new exception.
	 * @param requestId the {@code request} id of the cancelled answer
	 * @param status the wire name of the server's terminal status ({@code STOPPED}, {@code CANCELED},
	 * {@code RESET}), or {@code null} when the caller stopped the answer
	 * @param message the detail message
	 */
	public CopilotCancelledException(String requestId, @Nullable String status, String message) {
		super(message);
		this.requestId = requestId;
		this.status = status;
	}

	/**
	 * Return the {@code request} id of the cancelled answer.
	 * @return the request id
	 */
	public String getRequestId() {
		return this.requestId;
	}

	/**
	 * Return the terminal status Pieces OS sent.
	 * @return the wire status, or {@code null} when the answer was stopped on the client side
	 */
	public @Nullable String getStatus() {
		return this.status;
	}

}
