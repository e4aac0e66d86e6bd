package app.pieces.boot.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import app.pieces.boot.event.PiecesEventBridge;
import app.pieces.websocket.IdentifierCache;
import app.pieces.client.PiecesIncompatibleVersionException;
import app.pieces.websocket.AuthWS;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.ClientEvent;
import app.pieces.websocket.ClientEventListener;
import app.pieces.websocket.ConnectionState;
import app.pieces.websocket.HealthWS;
import app.pieces.websocket.IdentifiersWebsocket;
import app.pieces.websocket.PiecesStream;
import app.pieces.websocket.PiecesWebsocketManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@link org.springframework.boot.health.contributor.HealthIndicator} for Pieces OS.
 * <p>
 * UP while the health stream is connected and its last frame said {@code OK}; DOWN with a
 * {@code reason} detail when Pieces OS is unreachable, when it answered something else than
 * {@code OK}, when its version is outside the supported range (the reason says which side to
 * update), while the health stream waits for its first frame after connecting, or while the
 * streams are not running (before the application started them, after it stopped them); UNKNOWN
 * when the health stream is switched off ({@code pieces.streams.health.enabled=false}).
 * <p>
 * {@link #health()} only reads state that the websockets already hold (it learns the last
 * connection problem of each stream as a {@link ClientEventListener}); it never opens a
 * connection or calls Pieces OS (the version is read in the background each time the health
 * stream connects). Details: the base URL, the Pieces OS version (once known), whether a
 * user is signed in, the state, reconnect attempts, last frame and last problem of each
 * stream, the size of each cache and, when application events are published, the number of
 * events not published yet ({@code eventsPending}, see {@link PiecesEventBridge}). Never an
 * email address, a token or any profile data.
 *
 * @since 0.1.0
 */
public class PiecesHealthIndicator extends AbstractHealthIndicator
		implements ClientEventListener {

	private static final Log logger = LogFactory.getLog(PiecesHealthIndicator.class);

	private static final int MAX_STATUS_LENGTH = 100;

	private final PiecesWebsocketManager manager;

	private final Map<PiecesStream, String> lastProblem = new ConcurrentHashMap<>();

	/** A version read queued or running on the manager's workers: one is enough. */
	private final AtomicBoolean versionReadPending = new AtomicBoolean();

	private final boolean checkVersion;

	private final @Nullable PiecesEventBridge eventBridge;

	private volatile @Nullable String version;

	private volatile @Nullable String versionProblem;

	/**
	 * Create a new indicator that checks the Pieces OS version against the client's supported
	 * range. It learns the connection problems as a client event listener of the manager, which the
	 * auto-configuration arranges.
	 * @param manager the websocket manager
	 */
	public PiecesHealthIndicator(PiecesWebsocketManager manager) {
		this(manager, true);
	}

	/**
	 * Create a new indicator.
	 * @param manager the websocket manager
	 * @param checkVersion whether a Pieces OS version outside the client's supported range
	 * makes the health DOWN
	 */
	public PiecesHealthIndicator(PiecesWebsocketManager manager, boolean checkVersion) {
		this(manager, checkVersion, null);
	}

	/**
	 * Create a new indicator that also reports the backlog of application events.
	 * @param manager the websocket manager
	 * @param checkVersion whether a Pieces OS version outside the client's supported range
	 * makes the health DOWN
	 * @param eventBridge the bridge whose pending events are reported as
	 * {@code eventsPending}, or {@code null} when no events are published
	 */
	public PiecesHealthIndicator(PiecesWebsocketManager manager, boolean checkVersion,
			@Nullable PiecesEventBridge eventBridge) {
		super("Pieces OS health check failed");
		this.manager = manager;
		this.checkVersion = checkVersion;
		this.eventBridge = eventBridge;
	}

	/**
	 * Return the Pieces OS version last read after the health stream connected.
	 * @return the version, empty until known
	 */
	public Optional<String> getVersion() {
		return Optional.ofNullable(this.version);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		HealthWS healthSocket = this.manager.socket(HealthWS.class).orElse(null);
		if (healthSocket == null) {
			builder.unknown().withDetail("reason", "health stream disabled (pieces.streams.health.enabled=false)");
		}
		else if (!this.manager.isRunning()) {
			builder.down().withDetail("reason", "Pieces OS streams are not running (not started yet, or stopped)");
		}
		else if (healthSocket.isHealthy()) {
			String problem = this.versionProblem;
			if (problem != null) {
				builder.down().withDetail("reason", problem);
			}
			else {
				builder.up();
			}
		}
		else if (healthSocket.state() == ConnectionState.UNSUPPORTED) {
			builder.down().withDetail("reason", "Pieces OS does not offer the health stream");
		}
		else if (!healthSocket.isConnected()) {
			String problem = this.lastProblem.get(PiecesStream.HEALTH);
			builder.down()
				.withDetail("reason", "Pieces OS unreachable" + ((problem != null) ? ": " + problem : ""));
		}
		else {
			builder.down()
				.withDetail("reason", healthSocket.lastStatus()
					.map((status) -> "Pieces OS reported '" + abbreviate(status) + "'")
					.orElse("waiting for the first health frame"));
		}
		addDetails(builder);
	}

	private void addDetails(Health.Builder builder) {
		builder.withDetail("baseUrl", this.manager.client().baseUri().map(Object::toString).orElse("unknown"));
		builder.withDetail("version", getVersion().orElse("unknown"));
		this.manager.socket(AuthWS.class)
			.filter(AuthWS::isConnected)
			.ifPresent((auth) -> builder.withDetail("signedIn", auth.currentUser().isPresent()));
		Map<String, Object> streams = new LinkedHashMap<>();
		Map<String, Object> caches = new LinkedHashMap<>();
		for (BaseWebsocket<?> socket : this.manager.sockets()) {
			Map<String, Object> stream = new LinkedHashMap<>();
			stream.put("state", socket.state().name());
			stream.put("reconnectAttempts", socket.reconnectAttempts());
			Optional<Instant> lastFrame = socket.lastFrameAt();
			lastFrame.ifPresent((instant) -> stream.put("lastFrame", instant.toString()));
			String problem = this.lastProblem.get(socket.stream());
			if (problem != null && !socket.isConnected()) {
				stream.put("lastProblem", problem);
			}
			streams.put(socket.stream().tag(), stream);
			IdentifierCache<?> cache = cacheOf(socket);
			if (cache != null) {
				caches.put(cache.name(), cache.size());
			}
		}
		builder.withDetail("streams", streams);
		builder.withDetail("caches", caches);
		PiecesEventBridge bridge = this.eventBridge;
		if (bridge != null) {
			builder.withDetail("eventsPending", bridge.getPendingEvents());
		}
	}

	private static @Nullable IdentifierCache<?> cacheOf(BaseWebsocket<?> socket) {
		return (socket instanceof IdentifiersWebsocket<?> identifiers) ? identifiers.cache() : null;
	}

	private static String abbreviate(String status) {
		String single = status.replaceAll("\\s+", " ").trim();
		return (single.length() <= MAX_STATUS_LENGTH) ? single : single.substring(0, MAX_STATUS_LENGTH) + "...";
	}

	@Override
	public void onEvent(ClientEvent event) {
		PiecesStream stream = event.socket().stream();
		if (event instanceof ClientEvent.Connected) {
			this.lastProblem.remove(stream);
			if (stream == PiecesStream.HEALTH) {
				readVersionInTheBackground();
			}
		}
		else if (event instanceof ClientEvent.Disconnected disconnected) {
			this.lastProblem.put(stream, "disconnected (" + abbreviate(disconnected.detail()) + ")");
		}
		else if (event instanceof ClientEvent.ConnectFailed failed) {
			this.lastProblem.put(stream, describe(failed.error()));
		}
		else if (event instanceof ClientEvent.ReconnectExhausted) {
			String problem = this.lastProblem.get(stream);
			this.lastProblem.put(stream, "gave up reconnecting" + ((problem != null) ? " after: " + problem : ""));
		}
	}

	private void readVersionInTheBackground() {
		if (!this.versionReadPending.compareAndSet(false, true)) {
			return;
		}
		try {
			// REST, so never on the socket's thread and never inside health()
			this.manager.executor().execute(this::readVersion);
		}
		catch (RejectedExecutionException ex) {
			// the manager closed meanwhile
			this.versionReadPending.set(false);
		}
	}

	private void readVersion() {
		this.versionReadPending.set(false);
		try {
			if (this.checkVersion) {
				this.version = abbreviate(this.manager.client().checkVersion().toString());
			}
			else {
				this.version = abbreviate(this.manager.client().version());
			}
			this.versionProblem = null;
		}
		catch (PiecesIncompatibleVersionException ex) {
			this.version = abbreviate(ex.getActualVersion());
			if (!Objects.equals(this.versionProblem, ex.getMessage())) {
				logger.warn(ex.getMessage());
			}
			this.versionProblem = ex.getMessage();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the Pieces OS version for the health details", ex);
		}
	}

	private static String describe(Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + abbreviate(message) : "");
	}

}
