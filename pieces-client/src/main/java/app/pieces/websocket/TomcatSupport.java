package app.pieces.websocket;

import java.io.IOException;
import java.util.Map;

import jakarta.websocket.CloseReason;
import jakarta.websocket.WebSocketContainer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.websocket.WsSession;
import org.apache.tomcat.websocket.WsWebSocketContainer;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Everything the client needs from Tomcat's JSR-356 client beyond the standard API: its container settings
 * (buffer sizes, I/O and close timeouts), its destruction, and closing a session without waiting for a peer that
 * stopped answering. The only class that touches {@code org.apache.tomcat}.
 */
final class TomcatSupport {

	private static final Log logger = LogFactory.getLog(TomcatSupport.class);

	private static final int BUFFER_SIZE = 64 * 1024;

	private static final String IO_TIMEOUT_PROPERTY = "org.apache.tomcat.websocket.IO_TIMEOUT_MS";

	private static final String SESSION_CLOSE_TIMEOUT_PROPERTY = "org.apache.tomcat.websocket.SESSION_CLOSE_TIMEOUT";

	private static final int PROCESS_PERIOD_SECONDS = 1;

	private TomcatSupport() {
	}

	/**
	 * Create a container whose buffers hold frames up to the limit (Tomcat closes larger text messages with 1009
	 * otherwise; partial messages carry the rest) and that checks session close timeouts every second.
	 */
	static WebSocketContainer container(int maxTextMessageSize) {
		WsWebSocketContainer container = new WsWebSocketContainer();
		int bufferSize = Math.min(maxTextMessageSize, BUFFER_SIZE);
		container.setDefaultMaxTextMessageBufferSize(bufferSize);
		container.setDefaultMaxBinaryMessageBufferSize(bufferSize);
		container.setProcessPeriod(PROCESS_PERIOD_SECONDS);
		return container;
	}

	/**
	 * The user properties of every session: a peer that does not answer a write or the close frame (e.g. frozen)
	 * loses its connection after this timeout instead of Tomcat's default of 30 s.
	 */
	static Map<String, Object> sessionProperties(long timeoutMillis) {
		String timeout = String.valueOf(timeoutMillis);
		return Map.of(IO_TIMEOUT_PROPERTY, timeout, SESSION_CLOSE_TIMEOUT_PROPERTY, timeout);
	}

	/**
	 * Release the container's threads (its AsyncIO channel group ends once no session is left).
	 */
	static void destroy(WebSocketContainer container) {
		if (container instanceof WsWebSocketContainer tomcat) {
			try {
				tomcat.destroy();
			}
			catch (RuntimeException ex) {
				logger.debug("Ignored a failure while destroying the websocket container", ex);
			}
		}
	}

	/**
	 * Close a session whose peer stopped answering: send the close frame but close the TCP connection at once
	 * instead of waiting for a close frame that will never come (Tomcat would keep the connection, and its threads,
	 * until its session close timeout).
	 */
	static void abort(WebSocketSession session, CloseStatus status) {
		WebSocketSession last = WebSocketSessionDecorator.unwrap(session);
		WsSession tomcatSession = (last instanceof NativeWebSocketSession nativeSession)
				? nativeSession.getNativeSession(WsSession.class) : null;
		if (tomcatSession == null) {
			closeQuietly(session, status);
			return;
		}
		try {
			CloseReason reason = new CloseReason(CloseReason.CloseCodes.getCloseCode(status.getCode()),
					status.getReason());
			tomcatSession.doClose(reason, reason, true);
		}
		catch (RuntimeException ex) {
			logger.debug("Ignored a failure while aborting a websocket session", ex);
		}
	}

	static void closeQuietly(@Nullable WebSocketSession session, CloseStatus status) {
		if (session != null) {
			try {
				session.close(status);
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Ignored a failure while closing a websocket session", ex);
			}
		}
	}

}
