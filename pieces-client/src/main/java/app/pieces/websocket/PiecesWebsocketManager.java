package app.pieces.websocket;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import jakarta.websocket.WebSocketContainer;
import org.jspecify.annotations.Nullable;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;

import app.pieces.client.PiecesClient;
import app.pieces.model.QGPTStreamOutput;
import app.pieces.model.StreamedIdentifiers;
import app.pieces.model.UserProfile;
import app.pieces.model.WorkstreamPatternEngineStatus;

/**
 * Owns the Pieces OS websockets of one {@link PiecesClient}: the registry of sockets, one
 * small daemon timer thread (reconnect backoff, liveness pings and fetch retries), a daemon
 * worker pool (the sockets' serial executors, cache hydration, connect attempts and pings)
 * and the Spring {@link StandardWebSocketClient} over Tomcat's JSR-356 client. No state is
 * JVM-global: two managers are fully independent.
 * <p>
 * Threads and the websocket container are created lazily by {@link #startAll()} or by starting any socket, and
 * released by {@link #closeAll()}: afterwards no thread of the manager or of its Tomcat
 * websocket container remains (worker threads finish the callbacks already queued, such as
 * {@code onClose}, then exit). The manager can be started again after {@link #closeAll()};
 * registered sockets, listeners and cache contents are kept, so a restarted manager resumes
 * where it stopped (caches resynchronise on the first frame after connect). This matches
 * Spring's lifecycle, which stops and restarts cached test contexts.
 * <p>
 * Logging: the manager logs one INFO line when Pieces OS becomes unreachable (however many
 * sockets retry, however often), one when an open connection is lost, and one when Pieces OS
 * is back; what each socket does in between is logged at DEBUG.
 *
 * @author Pieces starter team
 */
public class PiecesWebsocketManager implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(PiecesWebsocketManager.class);


	private final PiecesClient client;

	private final WebsocketSettings settings;

	private final List<BaseWebsocket<?>> sockets = new CopyOnWriteArrayList<>();

	private final List<ClientEventListener> eventListeners = new CopyOnWriteArrayList<>();

	private final Object lifecycleLock = new Object();

	private final Reachability reachability;

	private volatile @Nullable ManagerResources resources;

	private volatile boolean running;

	/**
	 * Create a manager with {@link WebsocketSettings#defaults() default settings}.
	 * @param client the client to connect with
	 */
	public PiecesWebsocketManager(PiecesClient client) {
		this(client, WebsocketSettings.defaults());
	}

	/**
	 * Create a manager.
	 * @param client the client to connect with
	 * @param settings the settings
	 */
	public PiecesWebsocketManager(PiecesClient client, WebsocketSettings settings) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		this.client = client;
		this.settings = settings;
		this.reachability = new Reachability(client::baseUri);
	}

	/**
	 * Return the client the sockets connect with.
	 * @return the client
	 */
	public PiecesClient client() {
		return this.client;
	}

	/**
	 * Return the settings.
	 * @return the settings
	 */
	public WebsocketSettings settings() {
		return this.settings;
	}

	/**
	 * Return the registered sockets, in registration order.
	 * @return an immutable list of sockets
	 */
	public List<BaseWebsocket<?>> sockets() {
		return List.copyOf(this.sockets);
	}

	/**
	 * Return the first registered socket of the given type.
	 * @param <S> the socket type
	 * @param type the socket class, e.g. {@code HealthWS.class}
	 * @return the socket, or empty
	 */
	public <S extends BaseWebsocket<?>> Optional<S> socket(Class<S> type) {
		return this.sockets.stream().filter(type::isInstance).map(type::cast).findFirst();
	}

	/**
	 * Add a listener to the {@link ClientEvent}s of every socket and cache of this manager.
	 * @param listener the listener
	 */
	public void addEventListener(ClientEventListener listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.eventListeners.add(listener);
	}

	/**
	 * Remove an event listener.
	 * @param listener the listener
	 * @return whether it was registered
	 */
	public boolean removeEventListener(ClientEventListener listener) {
		return this.eventListeners.remove(listener);
	}

	/**
	 * Return whether {@link #startAll()} was called and {@link #closeAll()} was not called
	 * since; this means "started", not "connected".
	 * @return whether the manager is running
	 */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Start every registered socket. Never blocks and never throws because Pieces OS is
	 * down: connects run in the background and are retried with backoff.
	 */
	public void startAll() {
		activate();
		this.running = true;
		for (BaseWebsocket<?> socket : this.sockets) {
			socket.start();
		}
	}

	/**
	 * Close every socket (listeners get {@code onClose}), cancel all timers and release all
	 * threads and the websocket container. Idempotent; the manager can be started again.
	 */
	public void closeAll() {
		this.running = false;
		for (BaseWebsocket<?> socket : this.sockets) {
			socket.close();
		}
		ManagerResources released;
		synchronized (this.lifecycleLock) {
			released = this.resources;
			this.resources = null;
		}
		if (released != null) {
			released.release();
		}
		this.reachability.reset();
	}

	/**
	 * Reconnect every socket that is not closed, re-running port discovery first (e.g. after
	 * Pieces OS moved to another port).
	 */
	public void reconnectAll() {
		for (BaseWebsocket<?> socket : this.sockets) {
			if (socket.state() != ConnectionState.CLOSED && socket.state() != ConnectionState.IDLE) {
				socket.reconnect();
			}
		}
	}

	/**
	 * Same as {@link #closeAll()}.
	 */
	@Override
	public void close() {
		closeAll();
	}

	/**
	 * Create and register a {@link HealthWS}.
	 * @param listener the seed listener, or {@code null} (more can be added with {@code addListener})
	 * @return the socket (not started)
	 */
	public HealthWS health(@Nullable WebsocketListener<? super String> listener) {
		return new HealthWS(this, listener);
	}

	/**
	 * Create and register an {@link AuthWS}.
	 * @param listener the seed listener, or {@code null} (more can be added with {@code addListener})
	 * @return the socket (not started)
	 */
	public AuthWS user(@Nullable WebsocketListener<? super Optional<UserProfile>> listener) {
		return new AuthWS(this, listener);
	}

	/**
	 * Create and register an {@link AssetsIdentifiersWS}.
	 * @param listener the seed listener, or {@code null} (more can be added with {@code addListener})
	 * @return the socket (not started)
	 */
	public AssetsIdentifiersWS assets(@Nullable AssetsListener listener) {
		return new AssetsIdentifiersWS(this, listener);
	}

	/**
	 * Create and register a {@link ConversationWS}.
	 * @param listener the seed listener, or {@code null} (more can be added with {@code addListener})
	 * @return the socket (not started)
	 */
	public ConversationWS conversations(@Nullable ConversationsListener listener) {
		return new ConversationWS(this, listener);
	}

	/**
	 * Create and register the socket of an identifier stream: an {@link AssetsIdentifiersWS} or a
	 * {@link ConversationWS} for those two streams, the generic socket for the others
	 * ({@link IdentifierStream#ANCHORS}, {@link IdentifierStream#RANGES},
	 * {@link IdentifierStream#WORKSTREAM_SUMMARIES}), whose listeners receive the changes as
	 * {@link IdentifiersListener}s.
	 * @param <E> the item type
	 * @param stream the stream's descriptor
	 * @param listener the seed listener, or {@code null} (more can be added with {@code addListener})
	 * @return the socket (not started)
	 */
	@SuppressWarnings("unchecked") // the descriptor of a socket type fixes its item type
	public <E> IdentifiersWebsocket<E> identifiers(IdentifierStream<E> stream,
			@Nullable WebsocketListener<? super StreamedIdentifiers> listener) {
		if (stream == IdentifierStream.ASSETS) {
			return (IdentifiersWebsocket<E>) new AssetsIdentifiersWS(this, listener);
		}
		if (stream == IdentifierStream.CONVERSATIONS) {
			return (IdentifiersWebsocket<E>) new ConversationWS(this, listener);
		}
		return new IdentifiersWebsocket<>(this, stream, listener);
	}

	/**
	 * Create and register an {@link AskStreamWS}.
	 * @param listener the seed listener, or {@code null} (more can be added with {@code addListener})
	 * @return the socket (not started)
	 */
	public AskStreamWS ask(@Nullable WebsocketListener<? super QGPTStreamOutput> listener) {
		return new AskStreamWS(this, listener);
	}

	/**
	 * Create and register an {@link LTMVisionWS}.
	 * @param listener the seed listener, or {@code null} (more can be added with {@code addListener})
	 * @return the socket (not started)
	 */
	public LTMVisionWS ltmVision(@Nullable WebsocketListener<? super WorkstreamPatternEngineStatus> listener) {
		return new LTMVisionWS(this, listener);
	}

	void register(BaseWebsocket<?> socket) {
		this.sockets.add(socket);
	}

	Reachability reachability() {
		return this.reachability;
	}

	void publish(ClientEvent event) {
		for (ClientEventListener listener : this.eventListeners) {
			try {
				listener.onEvent(event);
			}
			catch (Throwable ex) {
				logger.warn("A client event listener threw on " + event.getClass().getSimpleName() + ": " + ex, ex);
			}
		}
	}

	/**
	 * Create the threads and the websocket container if they do not exist.
	 */
	void activate() {
		if (this.resources != null) {
			return;
		}
		synchronized (this.lifecycleLock) {
			if (this.resources == null) {
				this.resources = new ManagerResources(this.settings);
			}
		}
	}

	/**
	 * Return the worker pool.
	 * @return the pool
	 * @throws RejectedExecutionException if the manager is closed
	 */
	Executor workers() {
		return current().workers;
	}

	/**
	 * Open a websocket session with the current container.
	 * @param handler the session's handler
	 * @param uri the endpoint
	 * @return the session, once the handshake completed
	 * @throws RejectedExecutionException if the manager is closed
	 */
	CompletableFuture<WebSocketSession> openSession(WebSocketHandler handler, URI uri) {
		return current().openSession(handler, uri);
	}

	/**
	 * Run a task once after a delay on the manager's scheduler, the one timer thread of all sockets, caches and
	 * copilots of this manager. Keep the task short: hand blocking work to {@link #executor()}.
	 * @param task the task (what it throws is logged)
	 * @param delay the delay
	 * @return the scheduled task, to cancel it
	 * @throws RejectedExecutionException if the manager is not started (or closed)
	 */
	public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		return current().timer.schedule(logFailures(task), delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Return the manager's bounded worker pool, for short tasks that must not run on a socket's thread (a REST
	 * call after a connect, say). Tasks queue when every worker is busy.
	 * @return an executor that runs tasks on the worker pool
	 * @throws RejectedExecutionException from {@code execute} if the manager is not started (or closed)
	 */
	public Executor executor() {
		return (task) -> workers().execute(task);
	}

	/**
	 * Return a new executor that runs its tasks one at a time, in submission order, on the manager's worker pool
	 * (the executor behind each socket's callbacks): for work that must stay ordered but must not hold a thread
	 * of its own, such as publishing application events. A task that throws is logged and the next one runs.
	 * Once the manager is closed, tasks run on the thread that submits them.
	 * @param name a short name for log lines, e.g. {@code events}
	 * @return the executor
	 */
	public Executor serialExecutor(String name) {
		return new SerialExecutor(name, this::workers, true);
	}

	ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		return current().timer.scheduleWithFixedDelay(logFailures(task), delay.toMillis(), delay.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Wrap a timer task so that what it throws is logged (a periodic task would otherwise
	 * stop silently, a one-shot task fail without a trace).
	 */
	private static Runnable logFailures(Runnable task) {
		return () -> {
			try {
				task.run();
			}
			catch (Throwable ex) {
				logger.warn("A scheduled websocket task failed: " + ex, ex);
			}
		};
	}

	/**
	 * Return how many timer tasks (reconnects, pings, fetch retries) are pending.
	 * @return the number of scheduled tasks, 0 when the manager is closed
	 */
	int pendingTimers() {
		ManagerResources current = this.resources;
		return (current != null) ? current.timer.getQueue().size() : 0;
	}

	/**
	 * Re-run port discovery (the client shares one run between concurrent callers).
	 * @return the discovered base URI
	 */
	URI discover() {
		return this.client.discover();
	}

	private ManagerResources current() {
		ManagerResources current = this.resources;
		if (current == null) {
			throw new RejectedExecutionException("The Pieces websocket manager is closed");
		}
		return current;
	}

	@Override
	public String toString() {
		return "PiecesWebsocketManager[sockets=" + this.sockets + ", running=" + this.running + "]";
	}

}
