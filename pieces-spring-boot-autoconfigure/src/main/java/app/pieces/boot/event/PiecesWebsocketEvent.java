package app.pieces.boot.event;

import app.pieces.websocket.BaseWebsocket;

/**
 * Base class of the connection events of one websocket (connected, disconnected, error,
 * connect failed, reconnect exhausted), after Spring Kafka's listener container events.
 *
 * @since 0.1.0
 */
public abstract class PiecesWebsocketEvent extends PiecesEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param websocket the websocket the event is about
	 */
	protected PiecesWebsocketEvent(BaseWebsocket<?> websocket) {
		super(websocket, websocket.stream());
	}

	/**
	 * Return the websocket the event is about.
	 * @return the websocket
	 */
	public BaseWebsocket<?> getWebsocket() {
		return (BaseWebsocket<?>) getSource();
	}

}
