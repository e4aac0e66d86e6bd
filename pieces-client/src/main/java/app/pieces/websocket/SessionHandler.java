package app.pieces.websocket;

import java.io.IOException;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The handler of one connection attempt of a {@link Connection}: it counts signs of life, assembles frames and
 * reports to the connection, tagged with its attempt's epoch so that stale callbacks are told apart.
 */
final class SessionHandler implements WebSocketHandler, FrameAssembler.Frames {

	private static final Log logger = LogFactory.getLog(BaseWebsocket.class);

	private final Connection connection;

	private final long connectEpoch;

	// written by the I/O thread only: every message, PONGs included, counts as a sign of life
	private volatile long received;

	// confined to the manager's scheduler thread
	private final LivenessCheck liveness = new LivenessCheck();

	private final FrameAssembler assembler;

	SessionHandler(Connection connection, long connectEpoch) {
		this.connection = connection;
		this.connectEpoch = connectEpoch;
		this.assembler = new FrameAssembler(connection.manager().settings().maxTextMessageSize(), this);
	}

	long connectEpoch() {
		return this.connectEpoch;
	}

	/** Whether the connection still counts as alive at this ping tick (see {@link LivenessCheck}). */
	private boolean stillAlive() {
		return this.liveness.tick(this.received);
	}

	/**
	 * One liveness tick on the manager's scheduler: give up on the connection if nothing arrived since the
	 * previous PING, otherwise send the next PING (on a worker, so a stalled write never holds the scheduler).
	 */
	void ping() {
		WebSocketSession current = this.connection.openSession(this.connectEpoch);
		if (current == null) {
			return;
		}
		if (!stillAlive()) {
			Duration silence = this.connection.manager().settings().pingInterval()
				.multipliedBy(LivenessCheck.MISSED_INTERVALS);
			CloseStatus status = CloseStatus.SESSION_NOT_RELIABLE
				.withReason("no answer to pings for " + silence.toMillis() + "ms");
			this.connection.disconnected(this.connectEpoch, status, ClientEvent.DisconnectReason.NO_ANSWER);
			this.connection.runOnWorker(() -> TomcatSupport.abort(current, status));
			return;
		}
		this.connection.runOnWorker(() -> {
			try {
				current.sendMessage(new PingMessage());
			}
			catch (IOException | RuntimeException ex) {
				// the next tick sees no answer and closes the connection
				if (logger.isDebugEnabled()) {
					logger.debug("Could not send a ping on the " + this.connection.tag() + " stream: "
							+ Failures.shortDescription(ex));
				}
			}
		});
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		this.connection.connected(this, session);
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
		this.received++;
		if (!this.connection.isCurrent(this.connectEpoch) || message instanceof PongMessage) {
			return;
		}
		this.connection.frameReceived();
		if (message instanceof TextMessage textMessage) {
			this.assembler.text(textMessage.getPayload(), textMessage.isLast());
		}
		else if (message instanceof BinaryMessage binaryMessage) {
			this.assembler.binary(binaryMessage.isLast());
		}
	}

	@Override
	public void text(String text) {
		this.connection.events().text(text);
	}

	@Override
	public void rejected(FrameOutcome outcome, String detail) {
		this.connection.events().rejected(outcome, detail);
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		if (logger.isDebugEnabled()) {
			logger.debug("Transport error on the " + this.connection.tag() + " stream", exception);
		}
		if (!this.connection.isCurrent(this.connectEpoch)) {
			return;
		}
		this.connection.events().transportError(exception);
		if (!session.isOpen()) {
			this.connection.disconnected(this.connectEpoch, CloseStatus.SERVER_ERROR.withReason(Failures.shortDescription(exception)),
					ClientEvent.DisconnectReason.CONNECTION_LOST);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
		this.connection.disconnected(this.connectEpoch, closeStatus, ClientEvent.DisconnectReason.CONNECTION_LOST);
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

}
