package app.pieces.websocket;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;

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
 * One socket's reconnecting connection: the state machine, the epoch that tells stale callbacks of an old attempt
 * from the current one, the reconnect backoff and the liveness pings. It reports what happened to its socket
 * through {@link Events}, outside its lock (except {@link Events#closedLocked()}).
 * <p>
 * The state machine is the {@link #MOVES} table, and {@link #moveLocked} is the only place the state changes:
 * <pre>
 * IDLE, CLOSED, UNSUPPORTED --start/reconnect--&gt; CONNECTING --upgrade--&gt; OPEN --lost/no answer--&gt; WAITING
 * CONNECTING --failed--&gt; WAITING --timer--&gt; CONNECTING (discovery first); CONNECTING --404--&gt; UNSUPPORTED
 * any --close--&gt; CLOSED; WAITING --backoff exhausted or reconnect disabled--&gt; CLOSED
 * </pre>
 */
final class Connection {

	private static final Log logger = LogFactory.getLog(BaseWebsocket.class);

	private static final int SEND_TIME_LIMIT_MILLIS = 10_000;

	private static final Map<ConnectionState, Set<ConnectionState>> MOVES = Map.of(
			ConnectionState.IDLE, EnumSet.of(ConnectionState.CONNECTING, ConnectionState.CLOSED),
			ConnectionState.CONNECTING, EnumSet.of(ConnectionState.CONNECTING, ConnectionState.OPEN,
					ConnectionState.WAITING, ConnectionState.UNSUPPORTED, ConnectionState.CLOSED),
			ConnectionState.OPEN, EnumSet.of(ConnectionState.CONNECTING, ConnectionState.WAITING,
					ConnectionState.CLOSED),
			ConnectionState.WAITING, EnumSet.of(ConnectionState.CONNECTING, ConnectionState.CLOSED),
			ConnectionState.CLOSED, EnumSet.of(ConnectionState.CONNECTING),
			ConnectionState.UNSUPPORTED, EnumSet.of(ConnectionState.CONNECTING, ConnectionState.CLOSED));

	/**
	 * What the connection tells its socket.
	 */
	interface Events {

		void opened();

		void closed(CloseStatus status, ClientEvent.DisconnectReason reason, String detail);

		void connectFailed(Throwable error);

		void reconnectScheduled(int attempt, Duration delay);

		void reconnectExhausted();

		/** Moved to CLOSED or UNSUPPORTED; called with the lock held, before any start() can come in. */
		void closedLocked();

		/** Moved to CLOSED or UNSUPPORTED; called afterwards, outside the lock. */
		void closedForGood();

		void text(String text);

		void rejected(FrameOutcome outcome, String detail);

		void transportError(Throwable error);

	}

	private final BaseWebsocket<?> owner;

	private final PiecesWebsocketManager manager;

	private final String tag;

	private final Events events;

	private final Object lock = new Object();

	private volatile ConnectionState state = ConnectionState.IDLE;

	private volatile int reconnectAttempts;

	private volatile @Nullable Instant lastFrameAt;

	// guarded by lock
	private long epoch;

	// guarded by lock
	private @Nullable WebSocketSession session;

	// guarded by lock
	private @Nullable BackOffExecution backOff;

	// guarded by lock
	private @Nullable ScheduledFuture<?> reconnectTimer;

	// guarded by lock
	private @Nullable ScheduledFuture<?> pingTimer;

	Connection(BaseWebsocket<?> owner, PiecesWebsocketManager manager, Events events) {
		this.owner = owner;
		this.manager = manager;
		this.tag = owner.stream().tag();
		this.events = events;
	}

	ConnectionState state() {
		return this.state;
	}

	int reconnectAttempts() {
		return this.reconnectAttempts;
	}

	@Nullable Instant lastFrameAt() {
		return this.lastFrameAt;
	}

	Object lock() {
		return this.lock;
	}

	void start() {
		long connectEpoch;
		synchronized (this.lock) {
			ConnectionState current = this.state;
			if (current == ConnectionState.CONNECTING || current == ConnectionState.OPEN
					|| current == ConnectionState.WAITING) {
				return;
			}
			connectEpoch = ++this.epoch;
			moveLocked(ConnectionState.CONNECTING);
			this.backOff = null;
			this.reconnectAttempts = 0;
		}
		submitConnect(connectEpoch, false);
	}

	void close() {
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
			moveLocked(ConnectionState.CLOSED);
		}
		TomcatSupport.closeQuietly(closing, CloseStatus.NORMAL);
		if (wasOpen) {
			this.events.closed(CloseStatus.NORMAL, ClientEvent.DisconnectReason.CLOSED, "closed by client");
		}
		this.events.closedForGood();
	}

	void reconnect() {
		WebSocketSession closing;
		boolean wasOpen;
		long connectEpoch;
		synchronized (this.lock) {
			connectEpoch = ++this.epoch;
			cancelTimersLocked();
			wasOpen = (this.state == ConnectionState.OPEN);
			closing = this.session;
			this.session = null;
			moveLocked(ConnectionState.CONNECTING);
			this.backOff = null;
			this.reconnectAttempts = 0;
		}
		CloseStatus status = CloseStatus.NORMAL.withReason("reconnect");
		TomcatSupport.closeQuietly(closing, status);
		if (wasOpen) {
			this.events.closed(status, ClientEvent.DisconnectReason.RECONNECT, "reconnect requested");
		}
		submitConnect(connectEpoch, true);
	}

	/**
	 * Send a text frame on the current connection; sends never overlap.
	 * @return {@code false} if not connected (nothing was sent)
	 * @throws IOException if the write failed (the frame may or may not have been sent)
	 */
	boolean trySendText(String text) throws IOException {
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
	 * Drop the current connection as if the server had closed it, so that it reconnects with backoff (and the
	 * server sends what it sends after a connect, such as a full identifier list).
	 */
	void resync() {
		WebSocketSession current;
		synchronized (this.lock) {
			current = this.session;
		}
		TomcatSupport.closeQuietly(current, CloseStatus.BAD_DATA.withReason("resynchronising"));
	}

	/** The only place the state changes: {@link #MOVES} is the state machine. */
	private void moveLocked(ConnectionState to) {
		ConnectionState from = this.state;
		Assert.state(MOVES.get(from).contains(to), () -> "The " + this.tag + " stream cannot move from " + from
				+ " to " + to);
		this.state = to;
		if (to == ConnectionState.CLOSED || to == ConnectionState.UNSUPPORTED) {
			this.events.closedLocked();
		}
	}

	private boolean isCurrent(long connectEpoch, ConnectionState expected) {
		synchronized (this.lock) {
			return this.epoch == connectEpoch && this.state == expected;
		}
	}

	private boolean isCurrent(long connectEpoch) {
		synchronized (this.lock) {
			return this.epoch == connectEpoch;
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
			PiecesClient client = this.manager.client();
			if (discover || client.baseUri().isEmpty()) {
				this.manager.discover();
			}
			URI uri = client.websocketUri(this.owner.stream().path());
			if (!isCurrent(connectEpoch, ConnectionState.CONNECTING)) {
				return;
			}
			CompletableFuture<WebSocketSession> future = this.manager.openSession(new Handler(connectEpoch), uri);
			future.whenComplete((opened, ex) -> {
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
	 * A connect attempt failed. If the server answered without upgrading, ask it once more (on a worker) whether
	 * it answers the upgrade with 404: the stream does not exist there.
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

	private void connected(Handler handler, WebSocketSession rawSession) {
		WebSocketSession decorated = new ConcurrentWebSocketSessionDecorator(rawSession, SEND_TIME_LIMIT_MILLIS,
				this.manager.settings().maxTextMessageSize());
		synchronized (this.lock) {
			if (this.epoch != handler.connectEpoch || this.state != ConnectionState.CONNECTING) {
				decorated = null;
			}
			else {
				this.session = decorated;
				moveLocked(ConnectionState.OPEN);
				this.backOff = null;
				this.reconnectAttempts = 0;
				startPingsLocked(handler);
			}
		}
		if (decorated == null) {
			// a connect that outlived close() or a newer attempt: nobody waits for this connection, so do not
			// wait for the peer's close frame either (a peer gone meanwhile would hold Tomcat's channel, and its
			// I/O threads, until the session close timeout)
			TomcatSupport.abort(rawSession, CloseStatus.NORMAL);
			return;
		}
		this.manager.reachability().connected(this.owner);
		this.events.opened();
	}

	private void disconnected(long connectEpoch, CloseStatus status, ClientEvent.DisconnectReason reason) {
		synchronized (this.lock) {
			if (this.epoch != connectEpoch || this.state != ConnectionState.OPEN) {
				return;
			}
			cancelPingTimerLocked();
			this.session = null;
			moveLocked(ConnectionState.WAITING);
		}
		String detail = describe(status);
		this.manager.reachability().lost(this.owner, detail);
		this.events.closed(status, reason, detail);
		scheduleReconnect(connectEpoch);
	}

	private void connectFailed(long connectEpoch, Throwable error, boolean unsupported) {
		synchronized (this.lock) {
			if (this.epoch != connectEpoch || this.state != ConnectionState.CONNECTING) {
				return;
			}
			moveLocked(unsupported ? ConnectionState.UNSUPPORTED : ConnectionState.WAITING);
		}
		if (unsupported) {
			StreamUnsupportedException reported = new StreamUnsupportedException(this.owner.stream(), error);
			logger.warn(reported.getMessage() + "; not retrying. Update Pieces OS to use this stream.");
			this.events.connectFailed(reported);
			this.events.closedForGood();
			return;
		}
		this.manager.reachability().unreachable(this.owner, error);
		this.events.connectFailed(error);
		scheduleReconnect(connectEpoch);
	}

	private void scheduleReconnect(long previousEpoch) {
		ReconnectSettings settings = this.manager.settings().reconnect();
		long delay;
		int attempt;
		synchronized (this.lock) {
			if (this.epoch != previousEpoch || this.state != ConnectionState.WAITING) {
				return;
			}
			if (!settings.enabled()) {
				moveLocked(ConnectionState.CLOSED);
				logger.info("The " + this.tag + " stream stays closed: reconnect is disabled");
				this.events.closedForGood();
				return;
			}
			if (this.backOff == null) {
				this.backOff = settings.toBackOff().start();
			}
			delay = this.backOff.nextBackOff();
			if (delay == BackOffExecution.STOP) {
				moveLocked(ConnectionState.CLOSED);
				attempt = this.reconnectAttempts;
			}
			else {
				attempt = ++this.reconnectAttempts;
				long nextEpoch = ++this.epoch;
				try {
					this.reconnectTimer = this.manager.schedule(() -> reconnectNow(nextEpoch), Duration.ofMillis(delay));
				}
				catch (RejectedExecutionException ex) {
					moveLocked(ConnectionState.CLOSED);
					this.events.closedForGood();
					return;
				}
			}
		}
		if (delay == BackOffExecution.STOP) {
			logger.warn("Gave up reconnecting the " + this.tag + " stream after " + attempt + " attempt(s)");
			this.events.closedForGood();
			this.events.reconnectExhausted();
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Reconnecting the " + this.tag + " stream in " + delay + "ms (attempt " + attempt + ")");
		}
		this.events.reconnectScheduled(attempt, Duration.ofMillis(delay));
	}

	private void reconnectNow(long connectEpoch) {
		synchronized (this.lock) {
			if (this.epoch != connectEpoch || this.state != ConnectionState.WAITING) {
				return;
			}
			this.reconnectTimer = null;
			moveLocked(ConnectionState.CONNECTING);
		}
		submitConnect(connectEpoch, true);
	}

	private void cancelTimersLocked() {
		if (this.reconnectTimer != null) {
			this.reconnectTimer.cancel(false);
			this.reconnectTimer = null;
		}
		cancelPingTimerLocked();
	}

	private void cancelPingTimerLocked() {
		if (this.pingTimer != null) {
			this.pingTimer.cancel(false);
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
			logger.debug("No pings on the " + this.tag + " stream: the manager is closed");
		}
	}

	/**
	 * One liveness tick on the manager's scheduler: give up on the connection if nothing arrived since the
	 * previous PING, otherwise send the next PING (on a worker, so a stalled write never holds the scheduler).
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
			runOnWorker(() -> TomcatSupport.abort(current, status));
			return;
		}
		runOnWorker(() -> {
			try {
				current.sendMessage(new PingMessage());
			}
			catch (IOException | RuntimeException ex) {
				// the next tick sees no answer and closes the connection
				if (logger.isDebugEnabled()) {
					logger.debug("Could not send a ping on the " + this.tag + " stream: " + shortDescription(ex));
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
			logger.debug("Skipped a websocket task of the " + this.tag + " stream: the manager is closed");
		}
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
	 * Whether a failed connect looks like an HTTP answer that refused the upgrade (a {@link DeploymentException}
	 * without an I/O failure or timeout behind it), as opposed to Pieces OS not being reachable at all. Only then
	 * is the server asked for the status it answers the upgrade with; the wording of the exception is never
	 * relied on.
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

	/**
	 * The handler of one connection attempt; its epoch tells stale callbacks apart.
	 */
	private final class Handler implements WebSocketHandler, FrameAssembler.Frames {

		private final long connectEpoch;

		// written by the I/O thread only: every message, PONGs included, counts as a sign of life
		private volatile long received;

		// confined to the manager's scheduler thread
		private final LivenessCheck liveness = new LivenessCheck();

		private final FrameAssembler assembler;

		Handler(long connectEpoch) {
			this.connectEpoch = connectEpoch;
			this.assembler = new FrameAssembler(Connection.this.manager.settings().maxTextMessageSize(), this);
		}

		/** Whether the connection still counts as alive at this ping tick (see {@link LivenessCheck}). */
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
			if (!isCurrent(this.connectEpoch) || message instanceof PongMessage) {
				return;
			}
			Connection.this.lastFrameAt = Instant.now();
			if (message instanceof TextMessage textMessage) {
				this.assembler.text(textMessage.getPayload(), textMessage.isLast());
			}
			else if (message instanceof BinaryMessage binaryMessage) {
				this.assembler.binary(binaryMessage.isLast());
			}
		}

		@Override
		public void text(String text) {
			Connection.this.events.text(text);
		}

		@Override
		public void rejected(FrameOutcome outcome, String detail) {
			Connection.this.events.rejected(outcome, detail);
		}

		@Override
		public void handleTransportError(WebSocketSession session, Throwable exception) {
			if (logger.isDebugEnabled()) {
				logger.debug("Transport error on the " + Connection.this.tag + " stream", exception);
			}
			if (!isCurrent(this.connectEpoch)) {
				return;
			}
			Connection.this.events.transportError(exception);
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
