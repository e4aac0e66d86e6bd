package app.pieces.websocket;

/**
 * Receives every {@link ClientEvent} of a manager's sockets: register one with
 * {@link PiecesWebsocketManager#addEventListener(ClientEventListener)}. Called on the socket's serial executor,
 * so keep it quick (hand slow work to another thread); what it throws is logged and ignored.
 *
 * @author Pieces starter team
 */
@FunctionalInterface
public interface ClientEventListener {

	/**
	 * Handle an event.
	 * @param event the event
	 */
	void onEvent(ClientEvent event);

}
