package app.pieces.boot.event;

import app.pieces.websocket.BaseWebsocket;

/**
 * Published when a websocket reports an error that it survived: a malformed, binary or
 * oversized frame, a failed snapshot fetch, or a transport error.
 *
 * @since 0.1.0
 */
public class PiecesWebsocketErrorEvent extends PiecesWebsocketEvent {

	private static final long serialVersionUID = 1L;

	private final Throwable error;

	/**
	 * Create a new event.
	 * @param websocket the websocket that reported the error
	 * @param error the error
	 */
	public PiecesWebsocketErrorEvent(BaseWebsocket<?> websocket, Throwable error) {
		super(websocket);
		this.error = error;
	}

	/**
	 * Return the error.
	 * @return the error
	 */
	public Throwable getError() {
		return this.error;
	}

	@Override
	protected String describe() {
		return "error=" + this.error.getClass().getSimpleName();
	}

}
