package app.pieces.boot.event;

import app.pieces.websocket.BaseWebsocket;

/**
 * Published when an open websocket has closed, because Pieces OS went away, closed it, or the
 * application closed it.
 *
 * @since 0.1.0
 */
public class PiecesWebsocketDisconnectedEvent extends PiecesWebsocketEvent {

	private static final long serialVersionUID = 1L;

	private final String reason;

	/**
	 * Create a new event.
	 * @param websocket the websocket that closed
	 * @param reason why it closed (close code and reason, or the cause)
	 */
	public PiecesWebsocketDisconnectedEvent(BaseWebsocket<?> websocket, String reason) {
		super(websocket);
		this.reason = reason;
	}

	/**
	 * Return why the websocket closed.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	@Override
	protected String describe() {
		return "reason=" + this.reason;
	}

}
