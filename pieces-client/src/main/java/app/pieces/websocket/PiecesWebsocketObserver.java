package app.pieces.websocket;

import java.time.Duration;


/**
 * Manager-level observer of every socket and cache, for cross-cutting concerns such as the
 * Spring Boot event bridge and the Micrometer binder, so that neither touches a socket's
 * internals. All methods have empty defaults.
 * <p>
 * Callbacks about one socket (and its cache) run on that socket's serial executor, in the
 * same order its listeners see them. Implementations must be quick and must not throw (an
 * exception is logged and ignored).
 *
 * @author Pieces starter team
 * @see PiecesWebsocketManager#addObserver(PiecesWebsocketObserver)
 */
public interface PiecesWebsocketObserver {

	/**
	 * A socket connected.
	 * @param socket the socket
	 */
	default void connected(BaseWebsocket<?> socket) {
	}

	/**
	 * An open connection ended.
	 * @param socket the socket
	 * @param reason a short human-readable reason (close code and reason, or "closed by client")
	 */
	default void disconnected(BaseWebsocket<?> socket, String reason) {
	}

	/**
	 * A connect attempt failed (discovery, TCP connect or upgrade).
	 * @param socket the socket
	 * @param error the cause
	 */
	default void connectFailed(BaseWebsocket<?> socket, Throwable error) {
	}

	/**
	 * A reconnect attempt was scheduled.
	 * @param socket the socket
	 * @param attempt the attempt number, starting at 1 after each successful connect
	 * @param delay the backoff delay before the attempt
	 */
	default void reconnectScheduled(BaseWebsocket<?> socket, int attempt, Duration delay) {
	}

	/**
	 * The reconnect policy gave up; the socket is {@link ConnectionState#CLOSED}.
	 * @param socket the socket
	 */
	default void reconnectExhausted(BaseWebsocket<?> socket) {
	}

	/**
	 * A complete frame was received and handled with the given outcome.
	 * @param socket the socket
	 * @param outcome the outcome
	 */
	default void frame(BaseWebsocket<?> socket, FrameOutcome outcome) {
	}

	/**
	 * An error was reported to the socket's listeners.
	 * @param socket the socket
	 * @param error the error
	 */
	default void error(BaseWebsocket<?> socket, Throwable error) {
	}

	/**
	 * A payload was decoded: the health text, an {@code Optional<UserProfile>}, a
	 * {@code StreamedIdentifiers} frame or a {@code QGPTStreamOutput}.
	 * @param socket the socket
	 * @param payload the decoded payload
	 */
	default void message(BaseWebsocket<?> socket, Object payload) {
	}

	/**
	 * A cache stored a new or changed item.
	 * @param cache the cache
	 * @param item the item (an {@code Asset} or a {@code Conversation})
	 */
	default void cacheUpdated(IdentifierCache<?> cache, Object item) {
	}

	/**
	 * A cache dropped an item (deleted on the server, gone on fetch, or missing from the
	 * authoritative list after a connect).
	 * @param cache the cache
	 * @param item the last known item
	 */
	default void cacheRemoved(IdentifierCache<?> cache, Object item) {
	}

	/**
	 * A cache finished hydrating the authoritative list received after a connect.
	 * @param cache the cache
	 * @param took how long it took from the frame to the last fetch
	 * @param size the number of cached items afterwards
	 */
	default void cacheHydrated(IdentifierCache<?> cache, Duration took, int size) {
	}

}
