package app.pieces.websocket;

/**
 * The connection state of one {@link BaseWebsocket}.
 * <pre>
 * IDLE -start()-&gt; CONNECTING -ok-&gt; OPEN -server close / error / no pong-&gt; WAITING -timer-&gt; CONNECTING
 *                     \-fail-&gt; WAITING          close() from any state -&gt; CLOSED
 * 404 on the upgrade -&gt; UNSUPPORTED (no retries)
 * </pre>
 *
 * @author Pieces starter team
 */
public enum ConnectionState {

	/**
	 * Created, never started.
	 */
	IDLE,

	/**
	 * Port discovery and the websocket upgrade are in progress.
	 */
	CONNECTING,

	/**
	 * Connected; frames are flowing.
	 */
	OPEN,

	/**
	 * Disconnected (closed by the server, a transport error, or no answer to a ping); a
	 * reconnect attempt is scheduled after a backoff delay.
	 */
	WAITING,

	/**
	 * Closed on request, or reconnect disabled or exhausted. No timer is left.
	 */
	CLOSED,

	/**
	 * The server answered the upgrade with 404 (an older Pieces OS without this stream); no
	 * retries until started again explicitly.
	 */
	UNSUPPORTED

}
