package app.pieces.websocket;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import app.pieces.client.PiecesClient;
import app.pieces.client.PiecesUnavailableException;

/**
 * One socket's reconnecting connection: the state machine, the epoch that tells stale callbacks of an old attempt
 * from the current one, the reconnect backoff and the liveness pings. It reports what happened to its socket
 * through {@link Events}, outside its lock.
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

	// written with the lock held, at the very move to CLOSED or UNSUPPORTED, so before any start() can come in
	private volatile long closures;

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

	PiecesWebsocketManager manager() {
		return this.manager;
	}

	/**
	 * How many times the socket moved to CLOSED or UNSUPPORTED: what was handed to a socket before a closure
	 * must not outlive it, even when a {@code start()} came in right after.
	 */
	long closures() {
		return this.closures;
	}

	String tag() {
		return this.tag;
	}

	Events events() {
		return this.events;
	}

	void frameReceived() {
		this.lastFrameAt = Instant.now();
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
			this.closures++;
		}
	}

	private boolean isCurrent(long connectEpoch, ConnectionState expected) {
		synchronized (this.lock) {
			return this.epoch == connectEpoch && this.state == expected;
		}
	}

	boolean isCurrent(long connectEpoch) {
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
			CompletableFuture<WebSocketSession> future = this.manager.openSession(new SessionHandler(this, connectEpoch), uri);
			future.whenComplete((opened, ex) -> {
				if (ex != null) {
					upgradeFailed(connectEpoch, uri, Failures.unwrap(ex));
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
		if (!Failures.answeredWithoutUpgrade(error) || !isCurrent(connectEpoch, ConnectionState.CONNECTING)) {
			connectFailed(connectEpoch, error, false);
			return;
		}
		Duration timeout = this.manager.settings().connectTimeout();
		try {
			this.manager.workers().execute(() -> {
				boolean notFound = UpgradeProbe.status(uri, timeout) == 404;
				if (notFound && UpgradeProbe.lacksHealthStream(uri, this.owner.stream(), timeout)
						&& this.manager.client().rejectBase(UpgradeProbe.baseOf(uri))) {
					// another program on Pieces OS's ports: look for Pieces OS again, with backoff
					connectFailed(connectEpoch, new PiecesUnavailableException("What answers at " + uri.getAuthority()
							+ " is not Pieces OS: it has no " + PiecesStream.HEALTH.path() + " stream"), false);
					return;
				}
				connectFailed(connectEpoch, error, notFound);
			});
		}
		catch (RejectedExecutionException ex) {
			connectFailed(connectEpoch, error, false);
		}
	}

	void connected(SessionHandler handler, WebSocketSession rawSession) {
		WebSocketSession decorated = new ConcurrentWebSocketSessionDecorator(rawSession, SEND_TIME_LIMIT_MILLIS,
				this.manager.settings().maxTextMessageSize());
		synchronized (this.lock) {
			if (this.epoch != handler.connectEpoch() || this.state != ConnectionState.CONNECTING) {
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

	void disconnected(long connectEpoch, CloseStatus status, ClientEvent.DisconnectReason reason) {
		synchronized (this.lock) {
			if (this.epoch != connectEpoch || this.state != ConnectionState.OPEN) {
				return;
			}
			cancelPingTimerLocked();
			this.session = null;
			moveLocked(ConnectionState.WAITING);
		}
		String detail = Failures.describe(status);
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

	private void startPingsLocked(SessionHandler handler) {
		WebsocketSettings settings = this.manager.settings();
		if (!settings.pingEnabled()) {
			return;
		}
		try {
			this.pingTimer = this.manager.scheduleWithFixedDelay(handler::ping, settings.pingInterval());
		}
		catch (RejectedExecutionException ex) {
			// the manager is closing: this connection is about to be closed as well
			logger.debug("No pings on the " + this.tag + " stream: the manager is closed");
		}
	}

	/**
	 * Return the session of the given attempt while it is the open one.
	 */
	@Nullable WebSocketSession openSession(long connectEpoch) {
		synchronized (this.lock) {
			return (this.epoch == connectEpoch && this.state == ConnectionState.OPEN) ? this.session : null;
		}
	}

	void runOnWorker(Runnable task) {
		try {
			this.manager.workers().execute(task);
		}
		catch (RejectedExecutionException ex) {
			// the manager closed meanwhile and closes the connection itself
			logger.debug("Skipped a websocket task of the " + this.tag + " stream: the manager is closed");
		}
	}

}
