package app.pieces.websocket;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import jakarta.websocket.DeploymentException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import app.pieces.client.PiecesClient;

/**
 * Base class of the Pieces OS websockets: one reconnecting connection to one
 * {@link PiecesStream}, the Java counterpart of the Python SDK's {@code BaseWebsocket}.
 * <p>
 * Lifecycle: {@link #start()} schedules the first connect and returns at once;
 * a close or failed connect that was not asked for schedules a reconnect with exponential
 * backoff and jitter on the manager's timer (port discovery runs before each reconnect);
 * a 404 answer to the upgrade moves the socket to {@link ConnectionState#UNSUPPORTED}
 * without retries (when an upgrade is refused, the server is asked once more, with a plain
 * HTTP upgrade request, for its status: the client's exception wording is not relied on); {@link #close()} stops everything and nothing reconnects afterwards
 * (until {@link #start()} is called again).
 * <p>
 * Liveness: while open, the socket sends a websocket PING every
 * {@link WebsocketSettings#pingInterval()} from the manager's timer; when nothing at all (no
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
 *
 * @param <T> the type of decoded messages
 * @author Pieces starter team
 */
public abstract class BaseWebsocket<T> {

	private static final Log logger = LogFactory.getLog(BaseWebsocket.class);

	private static final int SEND_TIME_LIMIT_MILLIS = 10_000;

	private final PiecesWebsocketManager manager;

	private final PiecesStream stream;

	private final List<WebsocketListener<? super T>> listeners = new CopyOnWriteArrayList<>();

	private final SerialExecutor serialExecutor;

	private final Object lock = new Object();

	private volatile ConnectionState state = ConnectionState.IDLE;

	private volatile int reconnectAttempts;

	private volatile @Nullable Instant lastFrameAt;

	// guarded by lock
	private long epoch;

	// guarded by lock
	private @Nullable WebSocketSession session;

	// guarded by lock
	private @Nullable BackOffExecution backOffExecution;

	// guarded by lock
	private @Nullable ScheduledFuture<?> reconnectTimer;

	// guarded by lock
	private @Nullable ScheduledFuture<?> pingTimer;

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
		this.serialExecutor = new SerialExecutor(stream.tag(), manager::workers);
		if (listener != null) {
			this.listeners.add(listener);
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

	/**
	 * Return the client this socket connects with.
	 * @return the client
	 */
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
		return this.state;
	}

	/**
	 * Return whether the socket is connected.
	 * @return {@code true} if {@link ConnectionState#OPEN}
	 */
	public boolean isConnected() {
		return this.state == ConnectionState.OPEN;
	}

	/**
	 * Return the number of reconnect attempts scheduled since the last successful connect.
	 * @return the attempt count, 0 while connected
	 */
	public int reconnectAttempts() {
		return this.reconnectAttempts;
	}

	/**
	 * Return when the last (possibly partial) frame was received.
	 * @return the time, or empty if nothing was received yet
	 */
	public Optional<Instant> lastFrameAt() {
		return Optional.ofNullable(this.lastFrameAt);
	}

	/**
	 * Add a listener; it receives callbacks from now on.
	 * @param listener the listener
	 */
	public void addListener(WebsocketListener<? super T> listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.listeners.add(listener);
	}

	/**
	 * Remove a listener.
	 * @param listener the listener
	 * @return whether it was registered
	 */
	public boolean removeListener(WebsocketListener<? super T> listener) {
		return this.listeners.remove(listener);
	}

	/**
	 * Start connecting, unless already connecting, connected or waiting to reconnect. Never
	 * blocks and never throws because Pieces OS is down: the connect runs in the background.
	 */
	public void start() {
		this.manager.activate();
		long connectEpoch;
		synchronized (this.lock) {
			ConnectionState current = this.state;
			if (current == ConnectionState.CONNECTING || current == ConnectionState.OPEN
					|| current == ConnectionState.WAITING) {
				return;
			}
			connectEpoch = ++this.epoch;
			this.state = ConnectionState.CONNECTING;
			this.backOffExecution = null;
			this.reconnectAttempts = 0;
		}
		submitConnect(connectEpoch, false);
	}

	/**
	 * Close the connection (listeners get {@code onClose} if it was open) and cancel any
	 * scheduled reconnect. Nothing reconnects afterwards; {@link #start()} may be called
	 * again.
	 */
	public void close() {
		WebSocketSession closing;
		boolean wasOpen;
		synchronized (this.lock) {
			if (this.state == ConnectionState.CLOSED) {
				return;
			}
			this.epoch++;
			cancelTimersLocked();
			wasOpen = (this.state == ConnectionState.OPEN);
			closing = this.session;
			this.session = null;
			this.state = ConnectionState.CLOSED;
			onClosedLocked();
		}
		closeQuietly(closing, CloseStatus.NORMAL);
		if (wasOpen) {
			notifyClosed(CloseStatus.NORMAL, ClientEvent.DisconnectReason.CLOSED, "closed by client");
		}
		this.serialExecutor.execute(this::onClosedByClient);
	}

	/**
	 * Drop the current connection (if any) and connect again now, re-running port
	 * discovery first; the backoff starts afresh.
	 */
	public void reconnect() {
		this.manager.activate();
		WebSocketSession closing;
		boolean wasOpen;
		long connectEpoch;
		synchronized (this.lock) {
			connectEpoch = ++this.epoch;
			cancelTimersLocked();
			wasOpen = (this.state == ConnectionState.OPEN);
			closing = this.session;
			this.session = null;
			this.state = ConnectionState.CONNECTING;
			this.backOffExecution = null;
			this.reconnectAttempts = 0;
		}
		closeQuietly(closing, CloseStatus.NORMAL.withReason("reconnect"));
		if (wasOpen) {
			notifyClosed(CloseStatus.NORMAL.withReason("reconnect"), ClientEvent.DisconnectReason.RECONNECT,
					"reconnect requested");
		}
		submitConnect(connectEpoch, true);
	}

	/**
	 * Decode one complete text frame and deliver the result with {@link #deliver(Object)} or
	 * report it with {@link #badFrame}. Runs on this socket's serial executor.
	 * @param text the frame text
	 * @return what happened to the frame
	 */
	abstract FrameOutcome processText(String text);

	/**
	 * Hook called on the serial executor after a connect, before listeners' {@code onOpen}.
	 */
	void onConnected() {
	}

	/**
	 * Hook called on the serial executor after an open connection ended, before listeners'
	 * {@code onClose}.
	 * @param status the close status
	 */
	void onDisconnected(CloseStatus status) {
	}

	/**
	 * Hook called on the serial executor after a frame was rejected without being decoded
	 * ({@link FrameOutcome#OVERSIZED} or {@link FrameOutcome#BINARY_REJECTED}).
	 * @param outcome the outcome
	 */
	void onFrameRejected(FrameOutcome outcome) {
	}

	/**
	 * Hook called with {@link #stateLock()} held at the very moment the socket moves to
	 * {@link ConnectionState#CLOSED} or {@link ConnectionState#UNSUPPORTED}, before any
	 * {@link #start()} can come in: take what must not outlive this closure (such as messages
	 * waiting for a connection) and finish it later in {@link #onClosedByClient()}. Must be quick:
	 * no I/O, no listeners, no completing futures.
	 */
	void onClosedLocked() {
	}

	/**
	 * Hook called on the serial executor after the socket moved to {@link ConnectionState#CLOSED}
	 * ({@link #close()}, or reconnecting disabled or exhausted) or to
	 * {@link ConnectionState#UNSUPPORTED}; check {@link #state()}, a {@link #start()} may
	 * have come in between (what must not survive the closure is taken in {@link #onClosedLocked()}).
	 */
	void onClosedByClient() {
	}

	/**
	 * Deliver a decoded message to event listeners and listeners. Call only from
	 * {@link #processText(String)} (or another serial-executor callback).
	 * @param message the message
	 */
	final void deliver(T message) {
		publish(new ClientEvent.Message<>(this, message));
		for (WebsocketListener<? super T> listener : this.listeners) {
			try {
				listener.onMessage(message);
			}
			catch (Throwable ex) {
				logger.warn("A listener of the " + this.stream.tag() + " stream threw in onMessage: " + ex, ex);
			}
		}
	}

	/**
	 * Report an error to event listeners and listeners. Call only on the serial executor, e.g.
	 * from {@link #processText(String)}.
	 * @param error the error
	 */
	final void reportError(Throwable error) {
		publish(new ClientEvent.Error(this, error));
		for (WebsocketListener<? super T> listener : this.listeners) {
			try {
				listener.onError(error);
			}
			catch (Throwable ex) {
				logger.warn("A listener of the " + this.stream.tag() + " stream threw in onError: " + ex, ex);
			}
		}
	}

	/**
	 * Report a bad frame: one log line (without the frame content) and an {@code onError}
	 * with a {@link WebsocketFrameException}. Call only on the serial executor.
	 * @param outcome the outcome
	 * @param detail what was wrong
	 * @param cause the decoding error, or {@code null}
	 * @return the outcome, for convenience
	 */
	final FrameOutcome badFrame(FrameOutcome outcome, String detail, @Nullable Throwable cause) {
		return badFrame(outcome, detail, cause, true);
	}

	/**
	 * Report a bad frame: one log line (without the frame content) and an {@code onError}
	 * with a {@link WebsocketFrameException}. Call only on the serial executor.
	 * @param outcome the outcome
	 * @param detail what was wrong
	 * @param cause the decoding error, or {@code null}
	 * @param logCauseMessage whether the log line may include the decoding error's message;
	 * {@code false} for streams whose payload holds personal data (decoder messages can quote
	 * values), in which case only its type is logged
	 * @return the outcome, for convenience
	 */
	final FrameOutcome badFrame(FrameOutcome outcome, String detail, @Nullable Throwable cause,
			boolean logCauseMessage) {
		String message = "Ignored a frame on the " + this.stream.tag() + " stream (" + outcome.tag() + "): " + detail;
		String logged = message;
		if (cause != null) {
			logged += " (" + (logCauseMessage ? shortDescription(cause) : cause.getClass().getSimpleName()) + ")";
		}
		logger.warn(logged);
		if (cause != null && logCauseMessage && logger.isDebugEnabled()) {
			logger.debug("Decoding failure on the " + this.stream.tag() + " stream", cause);
		}
		reportError((cause != null) ? new WebsocketFrameException(this.stream, outcome, message, cause)
				: new WebsocketFrameException(this.stream, outcome, message));
		return outcome;
	}

	/**
	 * Send a text frame on the current connection; sends never overlap (the session is a
	 * {@link ConcurrentWebSocketSessionDecorator}).
	 * @param text the text
	 * @return {@code false} if the socket is not connected (nothing was sent)
	 * @throws IOException if the write failed (the frame may or may not have been sent)
	 */
	final boolean trySendText(String text) throws IOException {
		WebSocketSession current;
		synchronized (this.lock) {
			current = this.session;
		}
		if (current == null || !current.isOpen()) {
			return false;
		}
		current.sendMessage(new TextMessage(text));
		return true;
	}

	/**
	 * Drop the current connection as if the server had closed it, so that the socket
	 * reconnects with backoff (used to obtain a fresh full identifier list).
	 */
	final void resync() {
		WebSocketSession current;
		synchronized (this.lock) {
			current = this.session;
		}
		closeQuietly(current, CloseStatus.BAD_DATA.withReason("resynchronising"));
	}

	/**
	 * Return the executor that runs this socket's callbacks one at a time, in order.
	 * @return the serial executor
	 */
	final Executor serialExecutor() {
		return this.serialExecutor;
	}

	/**
	 * Return an object to synchronize subclass state transitions with connection state
	 * transitions; never hold it while calling listeners or doing I/O.
	 * @return the state lock
	 */
	final Object stateLock() {
		return this.lock;
	}

	final void publish(ClientEvent event) {
		this.manager.publish(event);
	}

	/**
	 * Call every listener, logging (and otherwise ignoring) what a listener throws. Call
	 * only on the serial executor.
	 * @param action what to call on each listener
	 * @param callback the callback name, for the log line
	 */
	final void forEachListener(Consumer<WebsocketListener<? super T>> action, String callback) {
		for (WebsocketListener<? super T> listener : this.listeners) {
			try {
				action.accept(listener);
			}
			catch (Throwable ex) {
				logger.warn("A listener of the " + this.stream.tag() + " stream threw in " + callback + ": " + ex, ex);
			}
		}
	}

	private void submitConnect(long connectEpoch, boolean discover) {
		try {
			this.manager.workers().execute(() -> connect(connectEpoch, discover));
		}
		catch (RejectedExecutionException ex) {
			connectFailed(connectEpoch, ex, false);
		}
	}

	private void connect(long connectEpoch, boolean discover) {
		if (!isCurrent(connectEpoch, ConnectionState.CONNECTING)) {
			return;
		}
		try {
			PiecesClient client = client();
			if (discover || client.baseUri().isEmpty()) {
				this.manager.discover();
			}
			URI uri = client.websocketUri(this.stream.path());
			if (!isCurrent(connectEpoch, ConnectionState.CONNECTING)) {
				return;
			}
			CompletableFuture<WebSocketSession> future = this.manager.openSession(new Handler(connectEpoch), uri);
			future.whenComplete((session, ex) -> {
				if (ex != null) {
					upgradeFailed(connectEpoch, uri, unwrap(ex));
				}
			});
		}
		catch (RuntimeException ex) {
			connectFailed(connectEpoch, ex, false);
		}
	}

	/**
	 * A connect attempt failed. If the server answered without upgrading, ask it once more
	 * (on a worker) whether it answers the upgrade with 404: the stream does not exist there.
	 */
	private void upgradeFailed(long connectEpoch, URI uri, Throwable error) {
		if (!answeredWithoutUpgrade(error) || !isCurrent(connectEpoch, ConnectionState.CONNECTING)) {
			connectFailed(connectEpoch, error, false);
			return;
		}
		Duration timeout = this.manager.settings().connectTimeout();
		try {
			this.manager.workers()
				.execute(() -> connectFailed(connectEpoch, error, UpgradeProbe.status(uri, timeout) == 404));
		}
		catch (RejectedExecutionException ex) {
			connectFailed(connectEpoch, error, false);
		}
	}

	private boolean isCurrent(long connectEpoch, ConnectionState expected) {
		synchronized (this.lock) {
			return this.epoch == connectEpoch && this.state == expected;
		}
	}

	private void connected(Handler handler, WebSocketSession rawSession) {
		WebSocketSession decorated = new ConcurrentWebSocketSessionDecorator(rawSession, SEND_TIME_LIMIT_MILLIS,
				this.manager.settings().maxTextMessageSize());
		synchronized (this.lock) {
			if (this.epoch != handler.connectEpoch || this.state != ConnectionState.CONNECTING) {
				decorated = null;
			}
			else {
				this.session = decorated;
				this.state = ConnectionState.OPEN;
				this.backOffExecution = null;
				this.reconnectAttempts = 0;
				startPingsLocked(handler);
			}
		}
		if (decorated == null) {
			// a connect that outlived close() or a newer attempt: nobody waits for this connection, so do not
			// wait for the peer's close frame either (a peer gone meanwhile would hold Tomcat's channel, and its
			// I/O threads, until the session close timeout)
			abort(rawSession, CloseStatus.NORMAL);
			return;
		}
		this.manager.reachability().connected(this);
		this.serialExecutor.execute(() -> {
			try {
				onConnected();
			}
			catch (Throwable ex) {
				logger.warn("Connect hook of the " + this.stream.tag() + " stream failed: " + ex, ex);
			}
			publish(new ClientEvent.Connected(this));
			forEachListener(WebsocketListener::onOpen, "onOpen");
		});
	}

	private void disconnected(long connectEpoch, CloseStatus status, ClientEvent.DisconnectReason why) {
		synchronized (this.lock) {
			if (this.epoch != connectEpoch || this.state != ConnectionState.OPEN) {
				return;
			}
			cancelPingTimerLocked();
			this.session = null;
			this.state = ConnectionState.WAITING;
		}
		String reason = describe(status);
		this.manager.reachability().lost(this, reason);
		notifyClosed(status, why, reason);
		scheduleReconnect(connectEpoch);
	}

	private void notifyClosed(CloseStatus status, ClientEvent.DisconnectReason why, String reason) {
		this.serialExecutor.execute(() -> {
			try {
				onDisconnected(status);
			}
			catch (Throwable ex) {
				logger.warn("Disconnect hook of the " + this.stream.tag() + " stream failed: " + ex, ex);
			}
			publish(new ClientEvent.Disconnected(this, why, reason));
			forEachListener((listener) -> listener.onClose(status), "onClose");
		});
	}

	private void connectFailed(long connectEpoch, Throwable error, boolean unsupported) {
		synchronized (this.lock) {
			if (this.epoch != connectEpoch || this.state != ConnectionState.CONNECTING) {
				return;
			}
			if (unsupported) {
				this.state = ConnectionState.UNSUPPORTED;
				onClosedLocked();
			}
			else {
				this.state = ConnectionState.WAITING;
			}
		}
		Throwable reported = error;
		if (unsupported) {
			reported = new StreamUnsupportedException(this.stream, error);
			logger.warn(reported.getMessage() + "; not retrying. Update Pieces OS to use this stream.");
		}
		else {
			this.manager.reachability().unreachable(this, error);
		}
		Throwable failure = reported;
		this.serialExecutor.execute(() -> {
			publish(new ClientEvent.ConnectFailed(this, failure));
			reportError(failure);
		});
		if (unsupported) {
			this.serialExecutor.execute(this::onClosedByClient);
		}
		else {
			scheduleReconnect(connectEpoch);
		}
	}

	private void scheduleReconnect(long previousEpoch) {
		ReconnectSettings settings = this.manager.settings().reconnect();
		long delay;
		int attempt;
		long nextEpoch;
		synchronized (this.lock) {
			if (this.epoch != previousEpoch || this.state != ConnectionState.WAITING) {
				return;
			}
			if (!settings.enabled()) {
				this.state = ConnectionState.CLOSED;
				onClosedLocked();
				logger.info("The " + this.stream.tag() + " stream stays closed: reconnect is disabled");
				this.serialExecutor.execute(this::onClosedByClient);
				return;
			}
			BackOffExecution execution = this.backOffExecution;
			if (execution == null) {
				execution = settings.toBackOff().start();
				this.backOffExecution = execution;
			}
			delay = execution.nextBackOff();
			if (delay == BackOffExecution.STOP) {
				this.state = ConnectionState.CLOSED;
				onClosedLocked();
				attempt = this.reconnectAttempts;
				nextEpoch = -1;
			}
			else {
				attempt = ++this.reconnectAttempts;
				nextEpoch = ++this.epoch;
				try {
					this.reconnectTimer = this.manager.schedule(() -> reconnectNow(nextEpoch), Duration.ofMillis(delay));
				}
				catch (RejectedExecutionException ex) {
					this.state = ConnectionState.CLOSED;
					onClosedLocked();
					this.serialExecutor.execute(this::onClosedByClient);
					return;
				}
			}
		}
		if (nextEpoch < 0) {
			logger.warn("Gave up reconnecting the " + this.stream.tag() + " stream after " + attempt + " attempt(s)");
			this.serialExecutor.execute(this::onClosedByClient);
			this.serialExecutor.execute(() -> publish(new ClientEvent.ReconnectExhausted(this)));
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Reconnecting the " + this.stream.tag() + " stream in " + delay + "ms (attempt " + attempt + ")");
		}
		Duration wait = Duration.ofMillis(delay);
		this.serialExecutor.execute(() -> publish(new ClientEvent.ReconnectScheduled(this, attempt, wait)));
	}

	private void reconnectNow(long connectEpoch) {
		synchronized (this.lock) {
			if (this.epoch != connectEpoch || this.state != ConnectionState.WAITING) {
				return;
			}
			this.reconnectTimer = null;
			this.state = ConnectionState.CONNECTING;
		}
		submitConnect(connectEpoch, true);
	}

	private void cancelTimersLocked() {
		ScheduledFuture<?> timer = this.reconnectTimer;
		if (timer != null) {
			timer.cancel(false);
			this.reconnectTimer = null;
		}
		cancelPingTimerLocked();
	}

	private void cancelPingTimerLocked() {
		ScheduledFuture<?> timer = this.pingTimer;
		if (timer != null) {
			timer.cancel(false);
			this.pingTimer = null;
		}
	}

	private void startPingsLocked(Handler handler) {
		WebsocketSettings settings = this.manager.settings();
		if (!settings.pingEnabled()) {
			return;
		}
		try {
			this.pingTimer = this.manager.scheduleWithFixedDelay(() -> ping(handler), settings.pingInterval());
		}
		catch (RejectedExecutionException ex) {
			// the manager is closing: this connection is about to be closed as well
			logger.debug("No pings on the " + this.stream.tag() + " stream: the manager is closed");
		}
	}

	/**
	 * One liveness tick on the manager's timer: give up on the connection if nothing arrived
	 * since the previous PING, otherwise send the next PING (on a worker, so a stalled write
	 * never holds the timer thread).
	 */
	private void ping(Handler handler) {
		WebSocketSession current;
		synchronized (this.lock) {
			if (this.epoch != handler.connectEpoch || this.state != ConnectionState.OPEN || this.session == null) {
				return;
			}
			current = this.session;
		}
		if (!handler.stillAlive()) {
			Duration silence = this.manager.settings().pingInterval().multipliedBy(LivenessCheck.MISSED_INTERVALS);
			CloseStatus status = CloseStatus.SESSION_NOT_RELIABLE
				.withReason("no answer to pings for " + silence.toMillis() + "ms");
			disconnected(handler.connectEpoch, status, ClientEvent.DisconnectReason.NO_ANSWER);
			runOnWorker(() -> abort(current, status));
			return;
		}
		runOnWorker(() -> {
			try {
				current.sendMessage(new PingMessage());
			}
			catch (IOException | RuntimeException ex) {
				// the next tick sees no answer and closes the connection
				if (logger.isDebugEnabled()) {
					logger.debug("Could not send a ping on the " + this.stream.tag() + " stream: " + shortDescription(ex));
				}
			}
		});
	}

	private void runOnWorker(Runnable task) {
		try {
			this.manager.workers().execute(task);
		}
		catch (RejectedExecutionException ex) {
			// the manager closed meanwhile and closes the connection itself
			logger.debug("Skipped a websocket task of the " + this.stream.tag() + " stream: the manager is closed");
		}
	}

	private void frameReceived() {
		this.lastFrameAt = Instant.now();
	}

	private void handOff(long connectEpoch, String text) {
		this.serialExecutor.execute(() -> {
			FrameOutcome outcome;
			try {
				outcome = processText(text);
			}
			catch (RuntimeException ex) {
				outcome = badFrame(FrameOutcome.MALFORMED, "decoding failed", ex);
			}
			FrameOutcome result = outcome;
			publish(new ClientEvent.FrameHandled(this, result));
		});
	}

	private void rejectFrame(long connectEpoch, FrameOutcome outcome, String detail) {
		this.serialExecutor.execute(() -> {
			badFrame(outcome, detail, null);
			try {
				onFrameRejected(outcome);
			}
			catch (Throwable ex) {
				logger.warn("Rejected-frame hook of the " + this.stream.tag() + " stream failed: " + ex, ex);
			}
			publish(new ClientEvent.FrameHandled(this, outcome));
		});
	}

	private boolean isCurrentConnection(long connectEpoch) {
		synchronized (this.lock) {
			return this.epoch == connectEpoch;
		}
	}

	private static void closeQuietly(@Nullable WebSocketSession session, CloseStatus status) {
		TomcatSupport.closeQuietly(session, status);
	}

	private static void abort(WebSocketSession session, CloseStatus status) {
		TomcatSupport.abort(session, status);
	}

	private static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * Whether a failed connect looks like an HTTP answer that refused the upgrade (a
	 * {@link DeploymentException} without an I/O failure or timeout behind it), as opposed to
	 * Pieces OS not being reachable at all. Only then is the server asked for the status it
	 * answers the upgrade with; the wording of the exception is never relied on.
	 * @param error the failure
	 * @return whether the server answered without upgrading
	 */
	static boolean answeredWithoutUpgrade(Throwable error) {
		boolean refused = false;
		for (Throwable current = error; current != null; current = current.getCause()) {
			if (current instanceof IOException || current instanceof TimeoutException) {
				return false;
			}
			if (current instanceof DeploymentException) {
				refused = true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return refused;
	}

	private static String describe(CloseStatus status) {
		String reason = status.getReason();
		return "code " + status.getCode() + ((reason != null && !reason.isEmpty()) ? " (" + reason + ")" : "");
	}

	static String shortDescription(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String text = error.getClass().getSimpleName() + ": " + oneLine(error.getMessage());
		if (root != error) {
			text += " <- " + root.getClass().getSimpleName() + ": " + oneLine(root.getMessage());
		}
		return text;
	}

	private static String oneLine(@Nullable String message) {
		if (message == null) {
			return "";
		}
		String line = message.replaceAll("\\s+", " ").trim();
		return (line.length() > 160) ? line.substring(0, 160) + "..." : line;
	}

	static int utf8Length(CharSequence text) {
		int length = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				length++;
			}
			else if (c < 0x800 || Character.isSurrogate(c)) {
				length += 2;
			}
			else {
				length += 3;
			}
		}
		return length;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[stream=" + this.stream.tag() + ", state=" + this.state + "]";
	}

	/**
	 * The handler of one connection attempt; its epoch tells stale callbacks apart.
	 */
	private final class Handler implements WebSocketHandler {

		private final long connectEpoch;

		// written by the I/O thread only: every message, PONGs included, counts as a sign of life
		private volatile long received;

		// confined to the manager's timer thread
		private final LivenessCheck liveness = new LivenessCheck();

		private final StringBuilder text = new StringBuilder();

		private long textBytes;

		private boolean oversized;

		private boolean binary;

		Handler(long connectEpoch) {
			this.connectEpoch = connectEpoch;
		}

		/**
		 * Return whether the connection still counts as alive at this ping tick (see
		 * {@link LivenessCheck}).
		 */
		boolean stillAlive() {
			return this.liveness.tick(this.received);
		}

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			connected(this, session);
		}

		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
			this.received++;
			if (!isCurrentConnection(this.connectEpoch) || message instanceof PongMessage) {
				return;
			}
			frameReceived();
			if (message instanceof TextMessage textMessage) {
				handleText(textMessage.getPayload(), textMessage.isLast());
			}
			else if (message instanceof BinaryMessage binaryMessage) {
				this.binary = true;
				if (binaryMessage.isLast()) {
					this.binary = false;
					rejectFrame(this.connectEpoch, FrameOutcome.BINARY_REJECTED,
							"binary frames are not part of the protocol");
				}
			}
		}

		private void handleText(String chunk, boolean last) {
			int limit = BaseWebsocket.this.manager.settings().maxTextMessageSize();
			if (!this.oversized) {
				this.textBytes += utf8Length(chunk);
				if (this.textBytes > limit) {
					this.oversized = true;
					this.text.setLength(0);
					this.text.trimToSize();
				}
				else if (!last || this.text.length() > 0) {
					this.text.append(chunk);
				}
			}
			else {
				this.textBytes += chunk.length();
			}
			if (last) {
				if (this.oversized) {
					rejectFrame(this.connectEpoch, FrameOutcome.OVERSIZED,
							"message of at least " + this.textBytes + " bytes exceeds the limit of " + limit + " bytes");
				}
				else {
					String complete = (this.text.length() > 0) ? this.text.toString() : chunk;
					handOff(this.connectEpoch, complete);
				}
				this.text.setLength(0);
				if (this.text.capacity() > 64 * 1024) {
					this.text.trimToSize();
				}
				this.textBytes = 0;
				this.oversized = false;
			}
		}

		@Override
		public void handleTransportError(WebSocketSession session, Throwable exception) {
			if (logger.isDebugEnabled()) {
				logger.debug("Transport error on the " + BaseWebsocket.this.stream.tag() + " stream", exception);
			}
			if (!isCurrentConnection(this.connectEpoch)) {
				return;
			}
			BaseWebsocket.this.serialExecutor.execute(() -> reportError(exception));
			if (!session.isOpen()) {
				disconnected(this.connectEpoch, CloseStatus.SERVER_ERROR.withReason(shortDescription(exception)),
						ClientEvent.DisconnectReason.CONNECTION_LOST);
			}
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
			disconnected(this.connectEpoch, closeStatus, ClientEvent.DisconnectReason.CONNECTION_LOST);
		}

		@Override
		public boolean supportsPartialMessages() {
			return true;
		}

	}

}
