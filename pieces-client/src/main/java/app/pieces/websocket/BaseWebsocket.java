package app.pieces.websocket;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.web.socket.CloseStatus;

import app.pieces.client.PiecesClient;

/**
 * Base class of the Pieces OS websockets: one reconnecting connection to one
 * {@link PiecesStream}, the Java counterpart of the Python SDK's {@code BaseWebsocket}.
 * <p>
 * Lifecycle: {@link #start()} schedules the first connect and returns at once;
 * a close or failed connect that was not asked for schedules a reconnect with exponential
 * backoff and jitter on the manager's scheduler (port discovery runs before each reconnect);
 * a 404 answer to the upgrade moves the socket to {@link ConnectionState#UNSUPPORTED}
 * without retries (when an upgrade is refused, the server is asked once more, with a plain
 * HTTP upgrade request, for its status: the client's exception wording is not relied on);
 * {@link #close()} stops everything and nothing reconnects afterwards (until {@link #start()} is called again).
 * <p>
 * Liveness: while open, the socket sends a websocket PING every
 * {@link WebsocketSettings#pingInterval()} from the manager's scheduler; when nothing at all (no
 * PONG, no frame) arrived during two intervals in a row (one missed interval may be a pause of
 * either side's JVM or a busy machine), the connection is considered dead
 * (a Pieces OS that vanished without closing TCP: a sleeping machine, a frozen process):
 * listeners get {@code onClose} with {@link CloseStatus#SESSION_NOT_RELIABLE}, the normal
 * reconnect path runs, and the dead connection is aborted (close frame sent, TCP closed
 * without waiting for an answer that will not come).
 * <p>
 * Threading: the websocket I/O thread only assembles text frames (partial frames are
 * supported; a message above {@link WebsocketSettings#maxTextMessageSize()} is discarded
 * without being buffered) and hands them to this socket's serial executor, which decodes
 * them and calls listeners and event listeners one at a time, in order. {@code onOpen},
 * {@code onError} and {@code onClose} travel the same way, so every listener sees one ordered
 * story per socket. Bad input (malformed JSON, binary or oversized frames, ...) produces one
 * log line, an {@code onError} with a {@link WebsocketFrameException} and a
 * {@link ClientEvent.FrameHandled} event; the connection stays open.
 * <p>
 * Inside, a socket is a {@link Connection} (state machine, epoch, backoff, pings) with a {@link FrameAssembler}
 * per connection, a {@link Dispatcher} (serial executor and listeners), and the stream's own decoding step
 * ({@code processText}). The five stream types are the only subclasses.
 *
 * @param <T> the type of decoded messages
 * @author Pieces starter team
 */
public abstract sealed class BaseWebsocket<T> permits HealthWS, AuthWS, IdentifiersWebsocket, AskStreamWS, LTMVisionWS {

	private static final Log logger = LogFactory.getLog(BaseWebsocket.class);

	private final PiecesWebsocketManager manager;

	private final PiecesStream stream;

	private final Dispatcher<T> dispatcher;

	private final Connection connection;

	/**
	 * Create a socket and register it with its manager.
	 * @param manager the manager that owns connections, timers and threads
	 * @param stream the stream to connect to
	 * @param listener the seed listener (the constructor callbacks), or {@code null}
	 */
	BaseWebsocket(PiecesWebsocketManager manager, PiecesStream stream,
			@Nullable WebsocketListener<? super T> listener) {
		Assert.notNull(manager, "'manager' must not be null");
		Assert.notNull(stream, "'stream' must not be null");
		this.manager = manager;
		this.stream = stream;
		this.dispatcher = new Dispatcher<>(this, manager);
		this.connection = new Connection(this, manager, new ConnectionEvents());
		if (listener != null) {
			this.dispatcher.addListener(listener);
		}
		manager.register(this);
	}

	/**
	 * Return the manager of this socket.
	 * @return the manager
	 */
	public PiecesWebsocketManager manager() {
		return this.manager;
	}

	PiecesClient client() {
		return this.manager.client();
	}

	/**
	 * Return the stream this socket connects to.
	 * @return the stream
	 */
	public PiecesStream stream() {
		return this.stream;
	}

	/**
	 * Return the current connection state.
	 * @return the state
	 */
	public ConnectionState state() {
		return this.connection.state();
	}

	/**
	 * Return whether the socket is connected.
	 * @return {@code true} if {@link ConnectionState#OPEN}
	 */
	public boolean isConnected() {
		return state() == ConnectionState.OPEN;
	}

	/**
	 * Return the number of reconnect attempts scheduled since the last successful connect.
	 * @return the attempt count, 0 while connected
	 */
	public int reconnectAttempts() {
		return this.connection.reconnectAttempts();
	}

	/**
	 * Return when the last (possibly partial) frame was received.
	 * @return the time, or empty if nothing was received yet
	 */
	public Optional<Instant> lastFrameAt() {
		return Optional.ofNullable(this.connection.lastFrameAt());
	}

	/**
	 * Add a listener; it receives callbacks from now on.
	 * @param listener the listener
	 */
	public void addListener(WebsocketListener<? super T> listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.dispatcher.addListener(listener);
	}

	/**
	 * Remove a listener.
	 * @param listener the listener
	 * @return whether it was registered
	 */
	public boolean removeListener(WebsocketListener<? super T> listener) {
		return this.dispatcher.removeListener(listener);
	}

	/**
	 * Start connecting, unless already connecting, connected or waiting to reconnect. Never
	 * blocks and never throws because Pieces OS is down: the connect runs in the background.
	 */
	public void start() {
		this.manager.activate();
		this.connection.start();
	}

	/**
	 * Close the connection (listeners get {@code onClose} if it was open) and cancel any
	 * scheduled reconnect. Nothing reconnects afterwards; {@link #start()} may be called
	 * again.
	 */
	public void close() {
		this.connection.close();
	}

	/**
	 * Drop the current connection (if any) and connect again now, re-running port
	 * discovery first; the backoff starts afresh.
	 */
	public void reconnect() {
		this.manager.activate();
		this.connection.reconnect();
	}

	// the stream's own steps, called on the serial executor unless said otherwise

	/**
	 * Decode one complete text frame and deliver the result with {@link #deliver(Object)} or
	 * report it with {@link #badFrame}.
	 */
	abstract FrameOutcome processText(String text);

	/** After a connect, before listeners' {@code onOpen}. */
	void onConnected() {
	}

	/** After an open connection ended, before listeners' {@code onClose}. */
	void onDisconnected(CloseStatus status) {
	}

	/** After a frame was rejected unread ({@link FrameOutcome#OVERSIZED}, {@link FrameOutcome#BINARY_REJECTED}). */
	void onFrameRejected(FrameOutcome outcome) {
	}

	/** After the socket moved to CLOSED or UNSUPPORTED; a {@link #start()} may have come in between. */
	void onClosedByClient() {
	}

	// what the stream's steps use

	final void deliver(T message) {
		this.dispatcher.deliver(message);
	}

	final void reportError(Throwable error) {
		this.dispatcher.reportError(error);
	}

	final FrameOutcome badFrame(FrameOutcome outcome, String detail, @Nullable Throwable cause) {
		return this.dispatcher.badFrame(outcome, detail, cause, true);
	}

	final FrameOutcome badFrame(FrameOutcome outcome, String detail, @Nullable Throwable cause,
			boolean logCauseMessage) {
		return this.dispatcher.badFrame(outcome, detail, cause, logCauseMessage);
	}

	final void publish(ClientEvent event) {
		this.dispatcher.publish(event);
	}

	final void forEachListener(Consumer<WebsocketListener<? super T>> action, String callback) {
		this.dispatcher.forEachListener(action, callback);
	}

	final boolean trySendText(String text) throws IOException {
		return this.connection.trySendText(text);
	}

	final void resync() {
		this.connection.resync();
	}

	final Executor serialExecutor() {
		return this.dispatcher.executor();
	}

	final long closures() {
		return this.connection.closures();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[stream=" + this.stream.tag() + ", state=" + state() + "]";
	}

	/**
	 * Turns what the connection reports into the socket's ordered story on its serial executor.
	 */
	private final class ConnectionEvents implements Connection.Events {

		private final Dispatcher<T> dispatcher = BaseWebsocket.this.dispatcher;

		@Override
		public void opened() {
			this.dispatcher.execute(() -> {
				runHook(BaseWebsocket.this::onConnected, "Connect");
				publish(new ClientEvent.Connected(BaseWebsocket.this));
				forEachListener(WebsocketListener::onOpen, "onOpen");
			});
		}

		@Override
		public void closed(CloseStatus status, ClientEvent.DisconnectReason reason, String detail) {
			this.dispatcher.execute(() -> {
				runHook(() -> onDisconnected(status), "Disconnect");
				publish(new ClientEvent.Disconnected(BaseWebsocket.this, reason, detail));
				forEachListener((listener) -> listener.onClose(status), "onClose");
			});
		}

		@Override
		public void connectFailed(Throwable error) {
			this.dispatcher.execute(() -> {
				publish(new ClientEvent.ConnectFailed(BaseWebsocket.this, error));
				reportError(error);
			});
		}

		@Override
		public void reconnectScheduled(int attempt, Duration delay) {
			this.dispatcher.execute(() -> publish(new ClientEvent.ReconnectScheduled(BaseWebsocket.this, attempt, delay)));
		}

		@Override
		public void reconnectExhausted() {
			this.dispatcher.execute(() -> publish(new ClientEvent.ReconnectExhausted(BaseWebsocket.this)));
		}

		@Override
		public void closedForGood() {
			this.dispatcher.execute(BaseWebsocket.this::onClosedByClient);
		}

		@Override
		public void text(String text) {
			this.dispatcher.execute(() -> {
				FrameOutcome outcome;
				try {
					outcome = processText(text);
				}
				catch (RuntimeException ex) {
					outcome = badFrame(FrameOutcome.MALFORMED, "decoding failed", ex);
				}
				publish(new ClientEvent.FrameHandled(BaseWebsocket.this, outcome));
			});
		}

		@Override
		public void rejected(FrameOutcome outcome, String detail) {
			this.dispatcher.execute(() -> {
				badFrame(outcome, detail, null);
				runHook(() -> onFrameRejected(outcome), "Rejected-frame");
				publish(new ClientEvent.FrameHandled(BaseWebsocket.this, outcome));
			});
		}

		@Override
		public void transportError(Throwable error) {
			this.dispatcher.execute(() -> reportError(error));
		}

		private void runHook(Runnable hook, String name) {
			try {
				hook.run();
			}
			catch (Throwable ex) {
				logger.warn(name + " hook of the " + BaseWebsocket.this.stream.tag() + " stream failed: " + ex, ex);
			}
		}

	}

}
