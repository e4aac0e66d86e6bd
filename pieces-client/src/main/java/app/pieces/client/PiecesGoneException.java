package app.pieces.client;

import org.jspecify.annotations.Nullable;

/**
 * Pieces OS answered 410 Gone: the object existed and was deleted. A {@link PiecesNotFoundException}, so
 * callers that only care about "removed" catch that one.
 */
public class PiecesGoneException extends PiecesNotFoundException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a 410 response.
	 * @param message the message
	 * @param cause the cause, if any
	 */
	public PiecesGoneException(String message, @Nullable Throwable cause) {
		super(message, 410, cause);
	}

}
