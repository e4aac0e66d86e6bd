package app.pieces.boot.event;

import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.AuthWS;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.ClientEvent;
import app.pieces.websocket.ClientEventListener;
import app.pieces.websocket.HealthWS;
import app.pieces.websocket.IdentifierStream;
import app.pieces.websocket.LTMVisionWS;
import app.pieces.websocket.PiecesWebsocketManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.util.Assert;

/**
 * Turns what the Pieces OS websockets report into {@link PiecesEvent application events}.
 * <p>
 * Registered as a {@link ClientEventListener} on the websocket manager, so the sockets
 * never see an {@link ApplicationEventPublisher}. {@code onEvent} only creates the event
 * and queues it; the events are published one at a time, in the order they were reported, by a
 * serial executor: the auto-configured bridge uses one on the websocket manager's worker pool
 * ({@link PiecesWebsocketManager#serialExecutor(String)}, threads {@code pieces-worker-*}), a bridge
 * created without one a daemon thread of its own named {@value #THREAD_NAME} that ends when idle.
 * {@code @EventListener} methods therefore never run on a socket's I/O or delivery thread, and
 * a slow listener delays later events without stalling any socket. A listener that throws is
 * logged and does not stop the events that follow.
 * <p>
 * The queue is unbounded: dropping events would lose data and blocking would stall the
 * sockets. Instead the backlog is observable: {@link #getPendingEvents()} (also the
 * {@code pieces.events.pending} gauge and the {@code eventsPending} health detail),
 * {@link #getPublishedEvents()} and {@link #getOldestPendingAge()}. When the backlog reaches
 * the {@link #getBacklogWarningThreshold() warning threshold} a WARN line names the likely
 * cause (a slow {@code @EventListener}, with the type of the event whose listeners are
 * running); an INFO line follows once the backlog is below half of the threshold again. Each
 * crossing logs once, not once per event. The log lines carry counts and event type names
 * only, never a payload.
 * <p>
 * Once the application context is closing ({@link ContextClosedEvent}) or this bean is
 * destroyed, events still queued are dropped and no further event is published; a listener
 * that is running at that moment is not interrupted.
 *
 * @since 0.1.0
 */
public class PiecesEventBridge
		implements ClientEventListener, ApplicationListener<ContextClosedEvent>, DisposableBean {

	/**
	 * Name of the thread that publishes the events of a bridge created without an executor.
	 */
	public static final String THREAD_NAME = "pieces-events";

	/**
	 * Default number of pending events at which the backlog warning is logged.
	 */
	public static final int DEFAULT_BACKLOG_WARNING_THRESHOLD = 10000;

	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(PiecesEventBridge.class);

	private final ApplicationEventPublisher publisher;

	private final Mapping mapping = new Mapping();

	private final int backlogWarningThreshold;

	/** The deliveries not started yet, oldest first (their executor has its own queue). */
	private final Queue<Delivery> waiting = new ConcurrentLinkedQueue<>();

	private final Executor executor;

	/** The thread of a bridge created without an executor, else {@code null}. */
	private final @Nullable ThreadPoolExecutor ownThread;

	private final AtomicInteger pending = new AtomicInteger();

	private final AtomicLong published = new AtomicLong();

	private final Object backlogMonitor = new Object();

	private volatile boolean backlogHigh;

	private volatile @Nullable Delivery publishing;

	private volatile boolean closed;

	/**
	 * Create a new bridge that warns about a backlog of
	 * {@value #DEFAULT_BACKLOG_WARNING_THRESHOLD} events.
	 * @param publisher where to publish the events, usually the application context
	 */
	public PiecesEventBridge(ApplicationEventPublisher publisher) {
		this(publisher, DEFAULT_BACKLOG_WARNING_THRESHOLD);
	}

	/**
	 * Create a new bridge.
	 * @param publisher where to publish the events, usually the application context
	 * @param backlogWarningThreshold number of pending events at which a warning is logged
	 * (at least 1)
	 */
	public PiecesEventBridge(ApplicationEventPublisher publisher, int backlogWarningThreshold) {
		this(publisher, backlogWarningThreshold, null);
	}

	/**
	 * Create a new bridge that publishes the events through the given executor.
	 * @param publisher where to publish the events, usually the application context
	 * @param backlogWarningThreshold number of pending events at which a warning is logged
	 * (at least 1)
	 * @param executor runs the deliveries; it must run them one at a time and in submission order, like
	 * {@link PiecesWebsocketManager#serialExecutor(String)}. {@code null} for a thread of the bridge's own
	 * ({@value #THREAD_NAME})
	 */
	public PiecesEventBridge(ApplicationEventPublisher publisher, int backlogWarningThreshold,
			@Nullable Executor executor) {
		Assert.isTrue(backlogWarningThreshold > 0,
				() -> "The events backlog warning threshold (pieces.events.backlog-warning-threshold) must be "
						+ "at least 1, not " + backlogWarningThreshold);
		this.publisher = publisher;
		this.backlogWarningThreshold = backlogWarningThreshold;
		if (executor != null) {
			this.executor = executor;
			this.ownThread = null;
		}
		else {
			ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS,
					new LinkedBlockingQueue<>(), (runnable) -> {
						Thread daemon = new Thread(runnable, THREAD_NAME);
						daemon.setDaemon(true);
						return daemon;
					});
			thread.allowCoreThreadTimeOut(true);
			this.executor = thread;
			this.ownThread = thread;
		}
	}

	/**
	 * Return the number of events reported but not published yet: those waiting in the
	 * queue plus the one whose listeners are running. Reads a counter, never blocks.
	 * @return the backlog size
	 */
	public int getPendingEvents() {
		return this.pending.get();
	}

	/**
	 * Return the number of events published so far (also those a listener failed on; not
	 * those dropped because the context was closing).
	 * @return the number of published events
	 */
	public long getPublishedEvents() {
		return this.published.get();
	}

	/**
	 * Return how long the oldest event not published yet has been waiting: the publication
	 * lag, {@link Duration#ZERO} when nothing is pending.
	 * @return the age of the oldest pending event
	 */
	public Duration getOldestPendingAge() {
		Delivery oldest = this.publishing;
		if (oldest == null) {
			oldest = this.waiting.peek();
		}
		return (oldest != null) ? Duration.ofNanos(Math.max(0, System.nanoTime() - oldest.queuedAt))
				: Duration.ZERO;
	}

	/**
	 * Return the number of pending events at which a warning is logged.
	 * @return the backlog warning threshold
	 */
	public int getBacklogWarningThreshold() {
		return this.backlogWarningThreshold;
	}

	@Override
	public void onEvent(ClientEvent event) {
		PiecesEvent published = event.accept(this.mapping);
		if (published != null) {
			publish(published);
		}
	}

	/**
	 * Which application event each client event becomes; {@code null} for those that only feed health and
	 * metrics.
	 */
	private static final class Mapping implements ClientEvent.Visitor<@Nullable PiecesEvent> {

		@Override
		public PiecesEvent connected(ClientEvent.Connected event) {
			return new PiecesWebsocketConnectedEvent(event.socket());
		}

		@Override
		public PiecesEvent disconnected(ClientEvent.Disconnected event) {
			return new PiecesWebsocketDisconnectedEvent(event.socket(), event.detail());
		}

		@Override
		public PiecesEvent connectFailed(ClientEvent.ConnectFailed event) {
			return new PiecesWebsocketConnectFailedEvent(event.socket(), event.error());
		}

		@Override
		public @Nullable PiecesEvent reconnectScheduled(ClientEvent.ReconnectScheduled event) {
			return null;
		}

		@Override
		public PiecesEvent reconnectExhausted(ClientEvent.ReconnectExhausted event) {
			return new PiecesWebsocketReconnectExhaustedEvent(event.socket());
		}

		@Override
		public @Nullable PiecesEvent frameHandled(ClientEvent.FrameHandled event) {
			return null;
		}

		@Override
		public @Nullable PiecesEvent message(ClientEvent.Message<?> event) {
			BaseWebsocket<?> socket = event.socket();
			Optional<PiecesEvent> mapped = event.payload(HealthWS.class)
				.<PiecesEvent>map((status) -> new HealthStatusEvent(socket, status))
				.or(() -> event.payload(AuthWS.class).map((user) -> new UserAuthChangedEvent(socket, user.orElse(null))))
				.or(() -> event.payload(AskStreamWS.class).map((output) -> new CopilotMessageEvent(socket, output)))
				.or(() -> event.payload(LTMVisionWS.class).map((status) -> new LtmStatusEvent(socket, status)));
			// identifier frames are announced as item events once the cache has fetched the items
			return mapped.orElse(null);
		}

		@Override
		public PiecesEvent itemUpdated(ClientEvent.ItemUpdated<?> event) {
			return updated(event);
		}

		@Override
		public PiecesEvent itemRemoved(ClientEvent.ItemRemoved<?> event) {
			return removed(event);
		}

		private static <T> PiecesEvent updated(ClientEvent.ItemUpdated<T> event) {
			Object source = event.socket().cache();
			return event.item(IdentifierStream.ASSETS)
				.<PiecesEvent>map((asset) -> new AssetUpdatedEvent(source, asset))
				.or(() -> event.item(IdentifierStream.CONVERSATIONS)
					.map((conversation) -> new ConversationUpdatedEvent(source, conversation)))
				.orElseGet(() -> new ItemUpdatedEvent<>(source, event.socket().descriptor(), event.item()));
		}

		private static <T> PiecesEvent removed(ClientEvent.ItemRemoved<T> event) {
			Object source = event.socket().cache();
			return event.item(IdentifierStream.ASSETS)
				.<PiecesEvent>map((asset) -> new AssetRemovedEvent(source, asset))
				.or(() -> event.item(IdentifierStream.CONVERSATIONS)
					.map((conversation) -> new ConversationRemovedEvent(source, conversation)))
				.orElseGet(() -> new ItemRemovedEvent<>(source, event.socket().descriptor(), event.item()));
		}

		@Override
		public @Nullable PiecesEvent synced(ClientEvent.Synced event) {
			return null;
		}

		@Override
		public PiecesEvent error(ClientEvent.Error event) {
			return new PiecesWebsocketErrorEvent(event.socket(), event.error());
		}

	}

	/**
	 * Queue an event for publication, unless the context is closing.
	 * @param event the event to publish
	 */
	protected void publish(PiecesEvent event) {
		if (this.closed) {
			return;
		}
		queued();
		Delivery delivery = new Delivery(event);
		this.waiting.add(delivery);
		try {
			this.executor.execute(delivery);
		}
		catch (RejectedExecutionException ex) {
			// shut down meanwhile: the context is closing, the event is dropped on purpose
			this.waiting.remove(delivery);
			done();
		}
	}

	private void deliver(Delivery delivery) {
		this.waiting.remove(delivery);
		try {
			if (this.closed) {
				return;
			}
			delivery.startedAt = System.nanoTime();
			this.publishing = delivery;
			try {
				this.publisher.publishEvent(delivery.event);
			}
			catch (RuntimeException ex) {
				logger.warn("Listener for " + delivery.event + " failed", ex);
			}
			this.published.incrementAndGet();
		}
		finally {
			this.publishing = null;
			done();
		}
	}

	private void queued() {
		int size = this.pending.incrementAndGet();
		if (!this.backlogHigh && size >= this.backlogWarningThreshold) {
			synchronized (this.backlogMonitor) {
				size = this.pending.get();
				if (!this.backlogHigh && size >= this.backlogWarningThreshold) {
					this.backlogHigh = true;
					logger.warn(backlogWarning(size));
				}
			}
		}
	}

	private void done() {
		int size = this.pending.decrementAndGet();
		if (size == 0 && this.closed) {
			synchronized (this.backlogMonitor) {
				this.backlogMonitor.notifyAll();
			}
		}
		if (this.backlogHigh && belowHalfOfThreshold(size)) {
			synchronized (this.backlogMonitor) {
				size = this.pending.get();
				if (this.backlogHigh && belowHalfOfThreshold(size)) {
					this.backlogHigh = false;
					logger.info("Pieces events backlog is down to " + size + " event(s) waiting to be published, "
							+ "below half of the warning threshold of " + this.backlogWarningThreshold);
				}
			}
		}
	}

	private boolean belowHalfOfThreshold(int size) {
		return 2L * size < this.backlogWarningThreshold;
	}

	private String backlogWarning(int size) {
		StringBuilder message = new StringBuilder("Pieces events backlog reached ").append(size)
			.append(" events waiting to be published (warning threshold ")
			.append(this.backlogWarningThreshold)
			.append(", pieces.events.backlog-warning-threshold): an @EventListener for Pieces events is probably "
					+ "slow or blocked");
		Delivery current = this.publishing;
		if (current != null) {
			long runningMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - current.startedAt);
			message.append(" (the listeners of ")
				.append(current.event.getClass().getSimpleName())
				.append(" have been running for ")
				.append(Math.max(0, runningMillis))
				.append(" ms)");
		}
		message.append(". No event is dropped, so the backlog uses memory until the listeners catch up: keep "
				+ "@EventListener methods quick or hand long work off (e.g. @Async).");
		return message.toString();
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.publisher) {
			close();
		}
	}

	@Override
	public void destroy() {
		close();
	}

	private void close() {
		this.closed = true;
		// no interrupt: a listener still running may finish, queued events are skipped
		if (this.ownThread != null) {
			this.ownThread.shutdown();
		}
	}

	/**
	 * Wait until no listener runs any more after the context closed (and the bridge's own thread, if it has
	 * one, has ended).
	 * @param timeout how long to wait at most
	 * @return whether publishing has ended
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitTermination(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.backlogMonitor) {
			long left;
			while (this.pending.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
				TimeUnit.NANOSECONDS.timedWait(this.backlogMonitor, left);
			}
		}
		long left = Math.max(0, deadline - System.nanoTime());
		return this.pending.get() == 0
				&& (this.ownThread == null || this.ownThread.awaitTermination(left, TimeUnit.NANOSECONDS));
	}

	/**
	 * One event on its way to the publisher, with the moments it was queued and its
	 * publication started.
	 */
	private final class Delivery implements Runnable {

		private final PiecesEvent event;

		private final long queuedAt = System.nanoTime();

		private volatile long startedAt;

		private Delivery(PiecesEvent event) {
			this.event = event;
		}

		@Override
		public void run() {
			deliver(this);
		}

	}

}
