package app.pieces.client;

import org.jspecify.annotations.Nullable;

/**
 * Pieces OS could not be reached: nothing was discovered, the connection was refused or a call timed out.
 */
public class PiecesUnavailableException extends PiecesException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message the message
	 */
	public PiecesUnavailableException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a cause.
	 * @param message the message
	 * @param cause the cause
	 */
	public PiecesUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
