package app.pieces.websocket;

/**
 * A received frame that could not be used: malformed, oversized or binary. Reported through
 * {@link WebsocketListener#onError(Throwable)}; the socket keeps working.
 *
 * @author Pieces starter team
 */
public class WebsocketFrameException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * The stream the frame arrived on.
	 */
	private final PiecesStream stream;

	/**
	 * What happened to the frame.
	 */
	private final FrameOutcome outcome;

	/**
	 * Create an exception.
	 * @param stream the stream the frame arrived on
	 * @param outcome what happened to the frame
	 * @param message a description (never the frame content, which may hold personal data)
	 * @param cause the decoding error, if any
	 */
	public WebsocketFrameException(PiecesStream stream, FrameOutcome outcome, String message, Throwable cause) {
		super(message, cause);
		this.stream = stream;
		this.outcome = outcome;
	}

	/**
	 * Create an exception without a cause.
	 * @param stream the stream the frame arrived on
	 * @param outcome what happened to the frame
	 * @param message a description (never the frame content)
	 */
	public WebsocketFrameException(PiecesStream stream, FrameOutcome outcome, String message) {
		super(message);
		this.stream = stream;
		this.outcome = outcome;
	}

	/**
	 * Return the stream the frame arrived on.
	 * @return the stream
	 */
	public PiecesStream stream() {
		return this.stream;
	}

	/**
	 * Return what happened to the frame.
	 * @return the outcome
	 */
	public FrameOutcome outcome() {
		return this.outcome;
	}

}
