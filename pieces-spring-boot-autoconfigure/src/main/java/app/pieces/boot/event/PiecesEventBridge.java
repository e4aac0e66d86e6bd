package app.pieces.boot.event;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import app.pieces.cache.IdentifierCache;
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

	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(PiecesEventBridge.class);

	private final ApplicationEventPublisher publisher;

	private final ThreadPoolExecutor executor;

	private volatile boolean closed;

	/**
	 * Create a new bridge.
	 * @param publisher where to publish the events, usually the application context
	 */
	public PiecesEventBridge(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
		this.executor = new ThreadPoolExecutor(1, 1, IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(), (runnable) -> {
					Thread thread = new Thread(runnable, THREAD_NAME);
					thread.setDaemon(true);
					return thread;
				});
		this.executor.allowCoreThreadTimeOut(true);
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
		try {
			this.executor.execute(() -> deliver(event));
		}
		catch (RejectedExecutionException ex) {
			// shut down meanwhile: the context is closing, the event is dropped on purpose
		}
	}

	private void deliver(PiecesEvent event) {
		if (this.closed) {
			return;
		}
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.warn("Listener for " + event + " failed", ex);
		}
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

}
