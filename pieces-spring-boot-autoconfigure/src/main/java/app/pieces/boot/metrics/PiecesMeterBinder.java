package app.pieces.boot.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import app.pieces.boot.event.PiecesEventBridge;
import app.pieces.websocket.IdentifierCache;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.ClientEvent;
import app.pieces.websocket.ClientEventListener;
import app.pieces.websocket.FrameOutcome;
import app.pieces.websocket.IdentifierStream;
import app.pieces.websocket.IdentifiersWebsocket;
import app.pieces.websocket.PiecesStream;
import app.pieces.websocket.PiecesWebsocketManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * The one {@link MeterBinder} of Pieces OS. It reads state from the websocket manager and
 * the {@link PiecesEventBridge}, and learns about frames, reconnects, errors and cache
 * hydration as a client event listener of the manager, so neither the client nor the bridge ever sees a
 * {@link MeterRegistry}.
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th></tr>
 * <tr><td>{@value #FRAMES}</td><td>counter</td><td>{@code stream}, {@code outcome}</td></tr>
 * <tr><td>{@value #CONNECTED}</td><td>gauge (1 connected, 0 not)</td><td>{@code stream}</td></tr>
 * <tr><td>{@value #RECONNECTS}</td><td>counter (scheduled reconnect attempts)</td><td>{@code stream}</td></tr>
 * <tr><td>{@value #ERRORS}</td><td>counter (one per stream and exception, from its first error)</td><td>{@code stream}, {@code exception}</td></tr>
 * <tr><td>{@value #CACHE_SIZE}</td><td>gauge</td><td>{@code cache}</td></tr>
 * <tr><td>{@value #CACHE_HYDRATION}</td><td>timer (one initial sync of a cache)</td><td>{@code cache}, {@code path} ({@code bulk}: the collection in one request, {@code per-item}, {@code fallback}: per item after the bulk read failed)</td></tr>
 * <tr><td>{@value #EVENTS_PENDING}</td><td>gauge (application events not published yet)</td><td>none</td></tr>
 * <tr><td>{@value #EVENTS_PUBLISHED}</td><td>function counter (application events published)</td><td>none</td></tr>
 * <tr><td>{@value #EVENTS_LAG}</td><td>time gauge (how long the oldest pending event has waited)</td><td>none</td></tr>
 * </table>
 * Every stream and cache has its meters from the start, also when switched off (then the
 * gauges read 0); so do the event meters when there is no {@link PiecesEventBridge}
 * ({@code pieces.events.enabled=false}). The exception is {@value #ERRORS}: its
 * {@code exception} tag is only known when an error happens, so a counter for a stream and
 * exception class appears with the first such error (no errors, no {@value #ERRORS} meter;
 * read a missing one as 0). A meter always carries the same tag keys; a missing value is
 * {@value #NONE}. Tag values are low-cardinality: stream and cache names are the streams'
 * tags ({@code health}, {@code user}, {@code assets}, {@code conversations}, {@code qgpt}),
 * outcomes the {@link FrameOutcome} names in lower case, exceptions simple class names;
 * never an asset or conversation id.
 *
 * @since 0.1.0
 */
public class PiecesMeterBinder implements MeterBinder, ClientEventListener {

	/**
	 * Counter of frames received, by stream and outcome.
	 */
	public static final String FRAMES = "pieces.websocket.frames";

	/**
	 * Gauge per stream: 1 while connected, 0 otherwise.
	 */
	public static final String CONNECTED = "pieces.websocket.connected";

	/**
	 * Counter of scheduled reconnect attempts, by stream.
	 */
	public static final String RECONNECTS = "pieces.websocket.reconnects";

	/**
	 * Counter of errors reported by a stream, by stream and exception; registered on the
	 * first error of that stream and exception class.
	 */
	public static final String ERRORS = "pieces.websocket.errors";

	/**
	 * Gauge per cache: number of cached items.
	 */
	public static final String CACHE_SIZE = "pieces.cache.size";

	/**
	 * Timer of cache hydrations (the initial sync after each connect), by cache.
	 */
	public static final String CACHE_HYDRATION = "pieces.cache.hydration";

	/**
	 * Gauge of the application events reported but not published yet (a slow
	 * {@code @EventListener} makes it grow).
	 */
	public static final String EVENTS_PENDING = "pieces.events.pending";

	/**
	 * Function counter of the application events published.
	 */
	public static final String EVENTS_PUBLISHED = "pieces.events.published";

	/**
	 * Time gauge of how long the oldest application event not published yet has been
	 * waiting: the publication lag.
	 */
	public static final String EVENTS_LAG = "pieces.events.lag";

	/**
	 * Tag value used when a value is missing.
	 */
	public static final String NONE = "none";

	private final PiecesWebsocketManager manager;

	private final @Nullable PiecesEventBridge eventBridge;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	/**
	 * Create a new binder without an event bridge: the event meters read 0.
	 * @param manager the websocket manager whose sockets and caches are measured
	 */
	public PiecesMeterBinder(PiecesWebsocketManager manager) {
		this(manager, null);
	}

	/**
	 * Create a new binder.
	 * @param manager the websocket manager whose sockets and caches are measured
	 * @param eventBridge the bridge whose backlog of application events is measured, or
	 * {@code null} when no events are published
	 */
	public PiecesMeterBinder(PiecesWebsocketManager manager, @Nullable PiecesEventBridge eventBridge) {
		this.manager = manager;
		this.eventBridge = eventBridge;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (PiecesStream stream : PiecesStream.values()) {
			String tag = stream.tag();
			Gauge.builder(CONNECTED, this, (binder) -> binder.connected(stream))
				.description("Whether the Pieces OS stream is connected (1) or not (0)")
				.tags(Tags.of("stream", tag))
				.register(registry);
			for (FrameOutcome outcome : FrameOutcome.values()) {
				frames(registry, tag, outcome);
			}
			reconnects(registry, tag);
		}
		for (IdentifierStream<?> identifiers : IdentifierStream.all()) {
			PiecesStream stream = identifiers.stream();
			String tag = stream.tag();
			Gauge.builder(CACHE_SIZE, this, (binder) -> binder.cacheSize(stream))
				.description("Number of items in the Pieces OS cache")
				.tags(Tags.of("cache", tag))
				.register(registry);
			for (ClientEvent.SyncPath path : ClientEvent.SyncPath.values()) {
				hydration(registry, tag, path);
			}
		}
		Gauge.builder(EVENTS_PENDING, this, PiecesMeterBinder::eventsPending)
			.description("Pieces OS application events reported but not published yet")
			.register(registry);
		FunctionCounter.builder(EVENTS_PUBLISHED, this, PiecesMeterBinder::eventsPublished)
			.description("Pieces OS application events published")
			.register(registry);
		TimeGauge.builder(EVENTS_LAG, this, TimeUnit.NANOSECONDS, PiecesMeterBinder::eventsLagNanos)
			.description("How long the oldest Pieces OS application event not published yet has been waiting")
			.register(registry);
		this.registries.add(registry);
	}

	private double eventsPending() {
		PiecesEventBridge bridge = this.eventBridge;
		return (bridge != null) ? bridge.getPendingEvents() : 0;
	}

	private double eventsPublished() {
		PiecesEventBridge bridge = this.eventBridge;
		return (bridge != null) ? bridge.getPublishedEvents() : 0;
	}

	private double eventsLagNanos() {
		PiecesEventBridge bridge = this.eventBridge;
		return (bridge != null) ? bridge.getOldestPendingAge().toNanos() : 0;
	}

	private double connected(PiecesStream stream) {
		BaseWebsocket<?> socket = socket(stream);
		return (socket != null && socket.isConnected()) ? 1 : 0;
	}

	private double cacheSize(PiecesStream stream) {
		BaseWebsocket<?> socket = socket(stream);
		IdentifierCache<?> cache = (socket != null) ? cacheOf(socket) : null;
		return (cache != null) ? cache.size() : 0;
	}

	private @Nullable BaseWebsocket<?> socket(PiecesStream stream) {
		for (BaseWebsocket<?> socket : this.manager.sockets()) {
			if (socket.stream() == stream) {
				return socket;
			}
		}
		return null;
	}

	@Override
	public void onEvent(ClientEvent event) {
		String stream = tagOf(event.socket());
		if (event instanceof ClientEvent.FrameHandled frame) {
			this.registries.forEach((registry) -> frames(registry, stream, frame.outcome()).increment());
		}
		else if (event instanceof ClientEvent.ReconnectScheduled) {
			this.registries.forEach((registry) -> reconnects(registry, stream).increment());
		}
		else if (event instanceof ClientEvent.Error error) {
			String exception = error.error().getClass().getSimpleName();
			this.registries.forEach((registry) -> errors(registry, stream, exception.isEmpty() ? NONE : exception)
				.increment());
		}
		else if (event instanceof ClientEvent.Synced synced) {
			this.registries.forEach((registry) -> hydration(registry, stream, synced.path()).record(synced.took()));
		}
	}

	private static Counter frames(MeterRegistry registry, String stream, FrameOutcome outcome) {
		return Counter.builder(FRAMES)
			.description("Frames received from Pieces OS")
			.tags(Tags.of("stream", stream, "outcome", outcome.tag()))
			.register(registry);
	}

	private static Counter reconnects(MeterRegistry registry, String stream) {
		return Counter.builder(RECONNECTS)
			.description("Reconnect attempts scheduled for a Pieces OS stream")
			.tags(Tags.of("stream", stream))
			.register(registry);
	}

	private static Counter errors(MeterRegistry registry, String stream, String exception) {
		return Counter.builder(ERRORS)
			.description("Errors reported by a Pieces OS stream")
			.tags(Tags.of("stream", stream, "exception", exception))
			.register(registry);
	}

	private static Timer hydration(MeterRegistry registry, String cache, ClientEvent.SyncPath path) {
		return Timer.builder(CACHE_HYDRATION)
			.description("Time to hydrate a Pieces OS cache after a connect")
			.tags(Tags.of("cache", cache, "path", path.tag()))
			.register(registry);
	}

	private static String tagOf(@Nullable BaseWebsocket<?> websocket) {
		if (websocket == null) {
			return NONE;
		}
		PiecesStream stream = websocket.stream();
		return (stream != null) ? stream.tag() : NONE;
	}

	private static @Nullable IdentifierCache<?> cacheOf(BaseWebsocket<?> socket) {
		return (socket instanceof IdentifiersWebsocket<?> identifiers) ? identifiers.cache() : null;
	}

}
