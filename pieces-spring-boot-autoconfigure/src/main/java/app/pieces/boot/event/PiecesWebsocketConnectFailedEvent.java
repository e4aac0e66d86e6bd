package app.pieces.boot.event;

import app.pieces.websocket.BaseWebsocket;

/**
 * Published when an attempt to connect a websocket failed, for example because Pieces OS is not
 * running. A reconnect is scheduled unless reconnecting is disabled or exhausted.
 *
 * @since 0.1.0
 */
public class PiecesWebsocketConnectFailedEvent extends PiecesWebsocketEvent {

	private static final long serialVersionUID = 1L;

	private final Throwable cause;

	/**
	 * Create a new event.
	 * @param websocket the websocket that failed to connect
	 * @param cause why it failed
	 */
	public PiecesWebsocketConnectFailedEvent(BaseWebsocket<?> websocket, Throwable cause) {
		super(websocket);
		this.cause = cause;
	}

	/**
	 * Return why the connect attempt failed.
	 * @return the cause
	 */
	public Throwable getCause() {
		return this.cause;
	}

	@Override
	protected String describe() {
		return "cause=" + this.cause.getClass().getSimpleName();
	}

}
