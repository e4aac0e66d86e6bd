package app.pieces.client;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The one place that decides what an HTTP status from Pieces OS means: which {@link PiecesException} a failed
 * call becomes, whether trying again later may succeed ({@link #isTransient(Throwable)}, used by the Spring AI
 * exception translation) and whether Pieces OS as a whole cannot serve right now ({@link #isOutage(Throwable)},
 * used by the caches, which then wait for the next reconnect instead of using up a retry).
 */
public final class PiecesStatus {

	private static final Pattern EMAIL = Pattern.compile("[\\w.%+-]+@[\\w-]+(\\.[\\w-]+)+");

	private static final int MAX_REASON_LENGTH = 200;

	private PiecesStatus() {
	}

	/**
	 * Return whether a request answered with this status may succeed when sent again later: 408 (timeout), 429
	 * (rate limited) and every server error.
	 * @param status the HTTP status (or the HTTP-like {@code statusCode} of a copilot answer)
	 * @return whether it is worth retrying
	 */
	public static boolean isTransient(int status) {
		return status == 408 || status == 429 || (status >= 500 && status < 600);
	}

	/**
	 * Return whether a failure may go away when the call is repeated later: Pieces OS unreachable, or a
	 * {@linkplain #isTransient(int) transient} status.
	 * @param failure the failure of a REST call
	 * @return whether it is worth retrying
	 */
	public static boolean isTransient(Throwable failure) {
		if (failure instanceof PiecesUnavailableException) {
			return true;
		}
		return failure instanceof PiecesApiException api && isTransient(api.getStatusCode());
	}

	/**
	 * Return whether a failure is final for the request that caused it: a client error (4xx) other than 404 and
	 * 410 (the thing is gone, which callers handle as such) and the {@linkplain #isTransient(int) transient}
	 * 408 and 429, e.g. an id Pieces OS rejects. Sending the same request again cannot help.
	 * @param failure the failure of a REST call
	 * @return whether repeating the request is pointless
	 */
	public static boolean isPermanent(Throwable failure) {
		return failure instanceof PiecesApiException api && api.getStatusCode() >= 400 && api.getStatusCode() < 500
				&& !(failure instanceof PiecesNotFoundException) && !isTransient(failure);
	}

	/**
	 * Return whether a status says that Pieces OS is up but cannot serve anything right now (502, 503, 504, e.g.
	 * while it starts or is unhealthy), as opposed to a failure of this one request.
	 * @param status the HTTP status
	 * @return whether it is an outage of Pieces OS as a whole
	 */
	public static boolean isOutage(int status) {
		return status == 502 || status == 503 || status == 504;
	}

	/**
	 * Return whether a failure says that Pieces OS as a whole cannot serve right now: unreachable, or an
	 * {@linkplain #isOutage(int) outage status}.
	 * @param failure the failure of a REST call
	 * @return whether it is an outage of Pieces OS as a whole
	 */
	public static boolean isOutage(Throwable failure) {
		if (failure instanceof PiecesUnavailableException) {
			return true;
		}
		return failure instanceof PiecesApiException api && isOutage(api.getStatusCode());
	}

	/**
	 * Translate an error answer to the exception of its kind: 404 {@link PiecesNotFoundException}, 410
	 * {@link PiecesGoneException}, otherwise {@link PiecesApiException} (a client error carries the reason of a
	 * plain-text body: one line, at most 200 characters, e-mail addresses redacted, since it ends up in logs).
	 * @param description the call, e.g. {@code GET /models}
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the response body
	 * @param cause the failure to keep as the cause
	 * @return the exception
	 */
	static PiecesApiException toException(String description, int status, @Nullable HttpHeaders headers,
			byte[] body, Throwable cause) {
		String message = description + " failed with status " + status;
		if (status == 404) {
			return new PiecesNotFoundException(message, cause);
		}
		if (status == 410) {
			return new PiecesGoneException(message, cause);
		}
		if (status >= 400 && status < 500) {
			message += reason(headers, body);
		}
		return new PiecesApiException(message, status, cause);
	}

	private static String reason(@Nullable HttpHeaders headers, byte[] body) {
		MediaType contentType = (headers != null) ? headers.getContentType() : null;
		if (contentType == null || !MediaType.TEXT_PLAIN.isCompatibleWith(contentType)) {
			return "";
		}
		String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
		text = EMAIL.matcher(text).replaceAll("<redacted>");
		if (text.isEmpty()) {
			return "";
		}
		return ": " + ((text.length() > MAX_REASON_LENGTH) ? text.substring(0, MAX_REASON_LENGTH) + "..." : text);
	}

}
