package app.pieces.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * The programmatic JSR-356 endpoint behind every simulated stream. One instance per stream serves all its
 * sessions; frames from the client are handed to the copilot on {@code /qgpt/stream} and ignored elsewhere.
 */
final class StreamEndpoint extends Endpoint {

	/** Incoming text buffer on {@code /qgpt/stream}: questions can carry large snippets. */
	static final int MAX_TEXT_MESSAGE_SIZE = 1024 * 1024;

	private static final System.Logger logger = System.getLogger(StreamEndpoint.class.getName());

	private final SimulatorHub hub;

	private final StreamKind kind;

	private final Map<String, OutboundSession> sessions = new ConcurrentHashMap<>();

	StreamEndpoint(SimulatorHub hub, StreamKind kind) {
		this.hub = hub;
		this.kind = kind;
	}

	@Override
	public void onOpen(Session session, EndpointConfig config) {
		session.setMaxTextMessageBufferSize(MAX_TEXT_MESSAGE_SIZE);
		this.sessions.put(session.getId(), this.hub.opened(this.kind, session));
		session.addMessageHandler(String.class, new MessageHandler.Whole<String>() {

			@Override
			public void onMessage(String text) {
				received(session, text);
			}

		});
	}

	private void received(Session session, String text) {
		OutboundSession outbound = this.sessions.get(session.getId());
		if (this.kind == StreamKind.QGPT && outbound != null) {
			this.hub.copilot().onInput(outbound, text);
		}
		else {
			logger.log(System.Logger.Level.INFO, "Ignoring a " + text.length() + "-char client frame on the "
					+ this.kind.streamName() + " stream");
		}
	}

	@Override
	public void onClose(Session session, CloseReason closeReason) {
		this.sessions.remove(session.getId());
		this.hub.closed(this.kind, session);
	}

	@Override
	public void onError(Session session, Throwable failure) {
		logger.log(System.Logger.Level.DEBUG,
				"Error on " + this.kind.streamName() + " session " + session.getId() + ": " + failure);
	}

}
