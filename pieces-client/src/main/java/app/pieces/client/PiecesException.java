package app.pieces.client;

import org.jspecify.annotations.Nullable;

/**
 * Base class of every exception the Pieces client throws.
 */
public class PiecesException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message the message
	 */
	public PiecesException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a cause.
	 * @param message the message
	 * @param cause the cause
	 */
	public PiecesException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
