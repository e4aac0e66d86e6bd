package app.pieces.client;

import org.jspecify.annotations.Nullable;

/**
 * Pieces OS answered a REST call with an unexpected status, or with a body that could not be decoded.
 */
public class PiecesApiException extends PiecesException {

	private static final long serialVersionUID = 1L;

	/**
	 * The HTTP status code of the response ({@code 0} when no response was read).
	 */
	private final int statusCode;

	/**
	 * Create an exception.
	 * @param message the message
	 * @param statusCode the HTTP status code of the response
	 * @param cause the cause, if any
	 */
	public PiecesApiException(String message, int statusCode, @Nullable Throwable cause) {
		super(message, cause);
		this.statusCode = statusCode;
	}

	/**
	 * Return the HTTP status code of the response.
	 * @return the status code
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

}
