package app.pieces.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asks a server how it answers a websocket upgrade request, to tell "this Pieces OS does not
 * offer the stream" (404) apart from other failed upgrades without depending on the wording of
 * the websocket client's exception messages (Tomcat's are localised and may change). Sends one
 * plain HTTP/1.1 upgrade request on a fresh connection, reads the status line and closes the
 * connection at once (also after a {@code 101}, so no websocket session is left open).
 *
 * @author Pieces starter team
 */
final class UpgradeProbe {

	/** The status returned when the server could not be asked or gave no HTTP answer. */
	static final int NO_ANSWER = -1;

	private static final int MAX_STATUS_LINE = 256;

	private UpgradeProbe() {
	}

	/**
	 * Return the HTTP status a server answers to a websocket upgrade request for the URI.
	 * @param uri a {@code ws:} URI ({@code wss:} is not probed)
	 * @param timeout the connect and read timeout
	 * @return the status, or {@link #NO_ANSWER}
	 */
	/**
	 * Whether the server that answered 404 for a stream lacks Pieces OS's health stream as well (every Pieces OS
	 * has it), and so is not Pieces OS: its base is then rejected (unless fixed) and discovery looks elsewhere. A
	 * stream missing from a real Pieces OS (an older version) stays unsupported.
	 * @param uri the upgrade URI that answered 404
	 * @param stream its stream
	 * @param timeout the connect and read timeout of the probe
	 * @return whether the health stream is missing too
	 */
	static boolean lacksHealthStream(URI uri, PiecesStream stream, Duration timeout) {
		return stream == PiecesStream.HEALTH || status(uri.resolve(PiecesStream.HEALTH.path()), timeout) == 404;
	}

	/**
	 * Return the HTTP base of a websocket URI: {@code ws://127.0.0.1:39300/x} gives {@code http://127.0.0.1:39300}.
	 * @param uri the websocket URI
	 * @return the base
	 */
	static URI baseOf(URI uri) {
		return URI.create(("wss".equals(uri.getScheme()) ? "https" : "http") + "://" + uri.getAuthority());
	}

	static int status(URI uri, Duration timeout) {
		if (!"ws".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
			return NO_ANSWER;
		}
		int port = (uri.getPort() != -1) ? uri.getPort() : 80;
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		if (uri.getRawQuery() != null) {
			path += "?" + uri.getRawQuery();
		}
		byte[] nonce = new byte[16];
		ThreadLocalRandom.current().nextBytes(nonce);
		String request = "GET " + path + " HTTP/1.1\r\n" + "Host: " + uri.getHost() + ":" + port + "\r\n"
				+ "Upgrade: websocket\r\n" + "Connection: Upgrade\r\n" + "Sec-WebSocket-Key: "
				+ Base64.getEncoder().encodeToString(nonce) + "\r\n" + "Sec-WebSocket-Version: 13\r\n\r\n";
		int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(uri.getHost(), port), millis);
			socket.setSoTimeout(millis);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return parseStatus(readStatusLine(socket.getInputStream()));
		}
		catch (IOException | RuntimeException ex) {
			return NO_ANSWER;
		}
	}

	private static String readStatusLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		while (line.length() < MAX_STATUS_LINE) {
			int next = in.read();
			if (next == -1 || next == '\n') {
				break;
			}
			if (next != '\r') {
				line.append((char) next);
			}
		}
		return line.toString();
	}

	/**
	 * Parse an HTTP/1.x status line such as {@code HTTP/1.1 404 Not Found}.
	 * @param line the status line
	 * @return the status, or {@link #NO_ANSWER} if the line is not a status line
	 */
	static int parseStatus(String line) {
		String[] parts = line.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/") || parts[1].length() != 3) {
			return NO_ANSWER;
		}
		try {
			return Integer.parseInt(parts[1]);
		}
		catch (NumberFormatException ex) {
			return NO_ANSWER;
		}
	}

}
