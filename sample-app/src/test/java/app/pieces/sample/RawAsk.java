package app.pieces.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * A browser asking {@code POST /api/ask} over a plain socket, so that a test can read the answer stream line by
 * line, stop reading, or vanish.
 */
final class RawAsk {

	private static final JsonMapper json = JsonMapper.builder().build();

	private RawAsk() {
	}

	/**
	 * Send the question; the caller reads the response from the socket.
	 * @param port the sample's port
	 * @param question the question
	 * @return the connected socket, the request written
	 * @throws IOException if the connection fails
	 */
	static Socket open(int port, String question) throws IOException {
		byte[] body = json.writeValueAsBytes(Map.of("question", question));
		Socket browser = new Socket(InetAddress.getLoopbackAddress(), port);
		OutputStream out = browser.getOutputStream();
		out.write(("POST /api/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Accept: text/event-stream\r\nContent-Length: " + body.length + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.write(body);
		out.flush();
		return browser;
	}

}
