package app.pieces.client;

import org.jspecify.annotations.Nullable;

/**
 * Pieces OS answered 404 Not Found: the object does not exist (or the endpoint is unknown to this Pieces OS).
 * Caches treat it, like its subclass {@link PiecesGoneException}, as "removed".
 */
public class PiecesNotFoundException extends PiecesApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a 404 response.
	 * @param message the message
	 * @param cause the cause, if any
	 */
	public PiecesNotFoundException(String message, @Nullable Throwable cause) {
		this(message, 404, cause);
	}

	/**
	 * Create an exception for a response meaning "not found".
	 * @param message the message
	 * @param statusCode the HTTP status code
	 * @param cause the cause, if any
	 */
	PiecesNotFoundException(String message, int statusCode, @Nullable Throwable cause) {
		super(message, statusCode, cause);
	}

}
