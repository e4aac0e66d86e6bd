package app.pieces.boot.event;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import app.pieces.websocket.IdentifierCache;
import app.pieces.model.Asset;
import app.pieces.model.Conversation;
import app.pieces.model.QGPTStreamOutput;
import app.pieces.model.UserProfile;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.PiecesStream;
import app.pieces.websocket.PiecesWebsocketObserver;
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
 * Registered as a {@link PiecesWebsocketObserver} on the websocket manager, so the sockets
 * never see an {@link ApplicationEventPublisher}. The observer methods only create the event
 * and queue it; a single daemon thread named {@code pieces-events} publishes the queued events
 * one at a time, in the order they were reported. {@code @EventListener} methods therefore run
 * on that thread, never on a socket's I/O or delivery thread, and a slow listener delays later
 * events without stalling any socket. A listener that throws is logged and does not stop the
 * events that follow. The thread ends when idle and is started again on demand.
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
		implements PiecesWebsocketObserver, ApplicationListener<ContextClosedEvent>, DisposableBean {

	/**
	 * Name of the thread that publishes the events.
	 */
	public static final String THREAD_NAME = "pieces-events";

	/**
	 * Default number of pending events at which the backlog warning is logged.
	 */
	public static final int DEFAULT_BACKLOG_WARNING_THRESHOLD = 10000;

	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(PiecesEventBridge.class);

	private final ApplicationEventPublisher publisher;

	private final int backlogWarningThreshold;

	private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

	private final ThreadPoolExecutor executor;

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
		Assert.isTrue(backlogWarningThreshold > 0,
				() -> "The events backlog warning threshold (pieces.events.backlog-warning-threshold) must be "
						+ "at least 1, not " + backlogWarningThreshold);
		this.publisher = publisher;
		this.backlogWarningThreshold = backlogWarningThreshold;
		this.executor = new ThreadPoolExecutor(1, 1, IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS, this.queue,
				(runnable) -> {
					Thread thread = new Thread(runnable, THREAD_NAME);
					thread.setDaemon(true);
					return thread;
				});
		this.executor.allowCoreThreadTimeOut(true);
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
		if (oldest == null && this.queue.peek() instanceof Delivery head) {
			oldest = head;
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
	public void connected(BaseWebsocket<?> websocket) {
		publish(new PiecesWebsocketConnectedEvent(websocket));
	}

	@Override
	public void disconnected(BaseWebsocket<?> websocket, String reason) {
		publish(new PiecesWebsocketDisconnectedEvent(websocket, reason));
	}

	@Override
	public void connectFailed(BaseWebsocket<?> websocket, Throwable cause) {
		publish(new PiecesWebsocketConnectFailedEvent(websocket, cause));
	}

	@Override
	public void reconnectExhausted(BaseWebsocket<?> websocket) {
		publish(new PiecesWebsocketReconnectExhaustedEvent(websocket));
	}

	@Override
	public void error(BaseWebsocket<?> websocket, Throwable error) {
		publish(new PiecesWebsocketErrorEvent(websocket, error));
	}

	@Override
	public void message(BaseWebsocket<?> websocket, Object payload) {
		PiecesEvent event = toEvent(websocket, payload);
		if (event != null) {
			publish(event);
		}
	}

	private @Nullable PiecesEvent toEvent(BaseWebsocket<?> websocket, Object payload) {
		if (payload instanceof QGPTStreamOutput output) {
			return new CopilotMessageEvent(websocket, output);
		}
		if (websocket.stream() == PiecesStream.USER && payload instanceof Optional<?> user) {
			return new UserAuthChangedEvent(websocket, (UserProfile) user.orElse(null));
		}
		if (websocket.stream() == PiecesStream.HEALTH && payload instanceof String status) {
			return new HealthStatusEvent(websocket, status);
		}
		return null;
	}

	@Override
	public void cacheUpdated(IdentifierCache<?> cache, Object item) {
		if (item instanceof Asset asset) {
			publish(new AssetUpdatedEvent(cache, asset));
		}
		else if (item instanceof Conversation conversation) {
			publish(new ConversationUpdatedEvent(cache, conversation));
		}
	}

	@Override
	public void cacheRemoved(IdentifierCache<?> cache, Object item) {
		if (item instanceof Asset asset) {
			publish(new AssetRemovedEvent(cache, asset));
		}
		else if (item instanceof Conversation conversation) {
			publish(new ConversationRemovedEvent(cache, conversation));
		}
	}

	/**
	 * Queue an event for publication on the {@code pieces-events} thread, unless the context
	 * is closing.
	 * @param event the event to publish
	 */
	protected void publish(PiecesEvent event) {
		if (this.closed) {
			return;
		}
		queued();
		try {
			this.executor.execute(new Delivery(event));
		}
		catch (RejectedExecutionException ex) {
			// shut down meanwhile: the context is closing, the event is dropped on purpose
			done();
		}
	}

	private void deliver(Delivery delivery) {
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
			.append(" events waiting to be published on the '")
			.append(THREAD_NAME)
			.append("' thread (warning threshold ")
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
		this.executor.shutdown();
	}

	/**
	 * Wait until the publishing thread has ended after the context closed.
	 * @param timeout how long to wait at most
	 * @return whether the thread has ended
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitTermination(Duration timeout) throws InterruptedException {
		return this.executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
