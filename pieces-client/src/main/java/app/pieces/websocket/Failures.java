package app.pieces.websocket;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import jakarta.websocket.DeploymentException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

/**
 * How the websockets read and describe failures: whether a failed upgrade was an HTTP answer, one-line
 * descriptions for logs.
 */
final class Failures {

	private Failures() {
	}

	static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * Whether a failed connect looks like an HTTP answer that refused the upgrade (a {@link DeploymentException}
	 * without an I/O failure or timeout behind it), as opposed to Pieces OS not being reachable at all. Only then
	 * is the server asked for the status it answers the upgrade with; the wording of the exception is never
	 * relied on.
	 */
	static boolean answeredWithoutUpgrade(Throwable error) {
		boolean refused = false;
		for (Throwable current = error; current != null; current = current.getCause()) {
			if (current instanceof IOException || current instanceof TimeoutException) {
				return false;
			}
			if (current instanceof DeploymentException) {
				refused = true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return refused;
	}

	static String describe(CloseStatus status) {
		String reason = status.getReason();
		return "code " + status.getCode() + ((reason != null && !reason.isEmpty()) ? " (" + reason + ")" : "");
	}

	static String shortDescription(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String text = error.getClass().getSimpleName() + ": " + oneLine(error.getMessage());
		if (root != error) {
			text += " <- " + root.getClass().getSimpleName() + ": " + oneLine(root.getMessage());
		}
		return text;
	}

	private static String oneLine(@Nullable String message) {
		if (message == null) {
			return "";
		}
		String line = message.replaceAll("\\s+", " ").trim();
		return (line.length() > 160) ? line.substring(0, 160) + "..." : line;
	}

}
