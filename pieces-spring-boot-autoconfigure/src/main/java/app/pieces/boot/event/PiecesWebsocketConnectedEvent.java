package app.pieces.boot.event;

import app.pieces.websocket.BaseWebsocket;

/**
 * Published when a websocket has connected to Pieces OS, the first time and after every
 * reconnect.
 *
 * @since 0.1.0
 */
public class PiecesWebsocketConnectedEvent extends PiecesWebsocketEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param websocket the websocket that connected
	 */
	public PiecesWebsocketConnectedEvent(BaseWebsocket<?> websocket) {
		super(websocket);
	}

}
