package app.pieces.websocket;

import java.time.Duration;
import java.util.Optional;

/**
 * What the websockets and their caches report to {@link ClientEventListener}s, one typed event per thing that
 * happened. Events of one socket arrive in order on that socket's serial executor, interleaved with its
 * {@link WebsocketListener} callbacks in the same order.
 * <p>
 * Consumers that must handle every kind (such as the Spring Boot event bridge) implement {@link Visitor}: a new
 * kind of event is a new visitor method, so the compiler names every place that has to handle it. Typed payloads
 * come out through {@link Message#payload(Class)} and {@link ItemUpdated#item(IdentifierStream)}, without casts.
 *
 * @author Pieces starter team
 */
public sealed interface ClientEvent {

	/**
	 * Return the socket the event comes from.
	 * @return the socket
	 */
	BaseWebsocket<?> socket();

	/**
	 * Call the visitor method of this kind of event.
	 * @param <R> the result type
	 * @param visitor the visitor
	 * @return what the visitor returned
	 */
	<R> R accept(Visitor<R> visitor);

	/**
	 * Why an open connection ended.
	 */
	enum DisconnectReason {

		/** Pieces OS closed the connection, or the connection broke. */
		CONNECTION_LOST,

		/** Nothing arrived during two ping intervals: Pieces OS stopped answering. */
		NO_ANSWER,

		/** The socket was closed by the application ({@code close()}, {@code closeAll()}). */
		CLOSED,

		/** The socket was reconnected by the application ({@code reconnect()}). */
		RECONNECT

	}

	/**
	 * The socket connected.
	 * @param socket the socket
	 */
	record Connected(BaseWebsocket<?> socket) implements ClientEvent {

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.connected(this);
		}

	}

	/**
	 * An open connection ended.
	 * @param socket the socket
	 * @param reason why
	 * @param detail the close code and reason, for logs
	 */
	record Disconnected(BaseWebsocket<?> socket, DisconnectReason reason, String detail) implements ClientEvent {

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.disconnected(this);
		}

	}

	/**
	 * A connect attempt failed (the socket retries unless it gave up or the stream is unsupported).
	 * @param socket the socket
	 * @param error the failure ({@link StreamUnsupportedException} when Pieces OS does not offer the stream)
	 */
	record ConnectFailed(BaseWebsocket<?> socket, Throwable error) implements ClientEvent {

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.connectFailed(this);
		}

	}

	/**
	 * A reconnect was scheduled.
	 * @param socket the socket
	 * @param attempt the attempt number since the last successful connect, from 1
	 * @param delay the delay before the attempt
	 */
	record ReconnectScheduled(BaseWebsocket<?> socket, int attempt, Duration delay) implements ClientEvent {

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.reconnectScheduled(this);
		}

	}

	/**
	 * The socket gave up reconnecting (its backoff ran out).
	 * @param socket the socket
	 */
	record ReconnectExhausted(BaseWebsocket<?> socket) implements ClientEvent {

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.reconnectExhausted(this);
		}

	}

	/**
	 * A frame was handled (decoded and delivered, or rejected).
	 * @param socket the socket
	 * @param outcome what happened to it
	 */
	record FrameHandled(BaseWebsocket<?> socket, FrameOutcome outcome) implements ClientEvent {

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.frameHandled(this);
		}

	}

	/**
	 * A decoded message.
	 * @param socket the socket
	 * @param payload the message
	 * @param <T> the message type of the socket
	 */
	record Message<T>(BaseWebsocket<T> socket, T payload) implements ClientEvent {

		/**
		 * Return the payload if this message comes from a socket of the given type, typed as that socket's
		 * messages, e.g. {@code message.payload(HealthWS.class)} gives an {@code Optional<String>}.
		 * @param <P> the message type of that socket type
		 * @param socketType the socket type
		 * @return the payload, or empty for a message of another socket type
		 */
		public <P> Optional<P> payload(Class<? extends BaseWebsocket<P>> socketType) {
			if (!socketType.isInstance(this.socket)) {
				return Optional.empty();
			}
			// a socket of that type decodes messages of type P only
			@SuppressWarnings("unchecked")
			P typed = (P) this.payload;
			return Optional.of(typed);
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.message(this);
		}

	}

	/**
	 * A change of an item of an identifier stream's cache: {@link ItemUpdated} or {@link ItemRemoved}.
	 * @param <T> the item type
	 */
	sealed interface ItemChange<T> extends ClientEvent permits ItemUpdated, ItemRemoved {

		@Override
		IdentifiersWebsocket<T> socket();

		/**
		 * Return the item.
		 * @return the item (for a removal, as it was last cached)
		 */
		T item();

		/**
		 * Return the item if it belongs to the given stream, typed as that stream's items.
		 * @param <I> the item type of that stream
		 * @param stream the stream, e.g. {@link IdentifierStream#ASSETS}
		 * @return the item, or empty for an item of another stream
		 */
		default <I> Optional<I> item(IdentifierStream<I> stream) {
			if (socket().descriptor() != stream) {
				return Optional.empty();
			}
			// the same descriptor: T and I are the same type
			@SuppressWarnings("unchecked")
			I typed = (I) item();
			return Optional.of(typed);
		}

	}

	/**
	 * An item of an identifier stream's cache was stored: new, or changed.
	 * @param socket the socket
	 * @param item the item
	 * @param <T> the item type
	 */
	record ItemUpdated<T>(IdentifiersWebsocket<T> socket, T item) implements ItemChange<T> {

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.itemUpdated(this);
		}

	}

	/**
	 * An item of an identifier stream's cache was removed.
	 * @param socket the socket
	 * @param item the item as it was last cached
	 * @param <T> the item type
	 */
	record ItemRemoved<T>(IdentifiersWebsocket<T> socket, T item) implements ItemChange<T> {

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.itemRemoved(this);
		}

	}

	/**
	 * An identifier stream's cache finished hydrating the full list after a connect.
	 * @param socket the socket
	 * @param took how long the hydration took
	 * @param size the number of cached items
	 * @param path how the items were fetched
	 */
	record Synced(IdentifiersWebsocket<?> socket, Duration took, int size, SyncPath path) implements ClientEvent {

		/**
		 * Create an event for a hydration that fetched item by item.
		 * @param socket the socket
		 * @param took how long the hydration took
		 * @param size the number of cached items
		 */
		public Synced(IdentifiersWebsocket<?> socket, Duration took, int size) {
			this(socket, took, size, SyncPath.PER_ITEM);
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.synced(this);
		}

	}

	/**
	 * How an identifier stream's cache fetched the items of a full list.
	 */
	enum SyncPath {

		/** The whole collection in one streamed request ({@code GET /assets}), per id only for what it lacked. */
		BULK("bulk"),

		/** Item by item ({@code GET /asset/{id}}): few items needed fetching, or the stream has no bulk read. */
		PER_ITEM("per-item"),

		/** Item by item after the bulk read was refused, failed or stalled. */
		FALLBACK("fallback");

		private final String tag;

		SyncPath(String tag) {
			this.tag = tag;
		}

		/**
		 * Return the name used in logs and meter tags, e.g. {@code per-item}.
		 * @return the tag
		 */
		public String tag() {
			return this.tag;
		}

	}

	/**
	 * An error: a bad frame ({@link WebsocketFrameException}), a transport error, an item that could not be
	 * fetched. The socket carries on.
	 * @param socket the socket
	 * @param error the error
	 */
	record Error(BaseWebsocket<?> socket, Throwable error) implements ClientEvent {

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.error(this);
		}

	}

	/**
	 * One method per kind of event, for consumers that must handle them all.
	 *
	 * @param <R> the result type
	 */
	interface Visitor<R> {

		R connected(Connected event);

		R disconnected(Disconnected event);

		R connectFailed(ConnectFailed event);

		R reconnectScheduled(ReconnectScheduled event);

		R reconnectExhausted(ReconnectExhausted event);

		R frameHandled(FrameHandled event);

		R message(Message<?> event);

		R itemUpdated(ItemUpdated<?> event);

		R itemRemoved(ItemRemoved<?> event);

		R synced(Synced event);

		R error(Error event);

	}

}
