package app.pieces.websocket;

/**
 * Pieces OS answered a websocket upgrade with HTTP 404: this (older) version does not offer
 * the stream. The socket goes to {@link ConnectionState#UNSUPPORTED} and does not retry.
 *
 * @author Pieces starter team
 */
public class StreamUnsupportedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * The unsupported stream.
	 */
	private final PiecesStream stream;

	/**
	 * Create an exception.
	 * @param stream the unsupported stream
	 * @param cause the upgrade failure
	 */
	public StreamUnsupportedException(PiecesStream stream, Throwable cause) {
		super("Pieces OS does not offer the " + stream.tag() + " stream (HTTP 404 on " + stream.path() + ")", cause);
		this.stream = stream;
	}

	/**
	 * Return the unsupported stream.
	 * @return the stream
	 */
	public PiecesStream stream() {
		return this.stream;
	}

}
