package app.pieces.boot.event;

import app.pieces.websocket.BaseWebsocket;

/**
 * Published when a websocket gives up reconnecting: {@code pieces.reconnect.max-attempts} is
 * reached, or Pieces OS does not offer the stream at all. It stays closed until it is started
 * again.
 *
 * @since 0.1.0
 */
public class PiecesWebsocketReconnectExhaustedEvent extends PiecesWebsocketEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param websocket the websocket that gave up
	 */
	public PiecesWebsocketReconnectExhaustedEvent(BaseWebsocket<?> websocket) {
		super(websocket);
	}

}
