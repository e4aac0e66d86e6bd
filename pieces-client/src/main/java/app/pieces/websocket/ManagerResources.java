package app.pieces.websocket;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.WebSocketContainer;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;

/**
 * Threads and websocket container of one start/close cycle of a {@link PiecesWebsocketManager}.
 * <p>
 * The container is destroyed only once no connect is in flight: Tomcat shares one channel group between
 * all its client containers in the JVM and a connect that ran after {@code destroy()} would register the
 * container with it again, keeping the group (and its I/O threads) alive for good.
 */
final class ManagerResources {

	// connects, pings, writes and the streams' serial executors besides the caches' fetches
	private static final int WORKERS_BESIDES_FETCHES = 16;

	final ScheduledThreadPoolExecutor timer;

	final ExecutorService workers;

	private final WebSocketContainer container;

	private final StandardWebSocketClient webSocketClient;

	private final Object connectLock = new Object();

	// guarded by connectLock
	private int connectsInFlight;

	// guarded by connectLock
	private boolean released;

	ManagerResources(WebsocketSettings settings) {
		CustomizableThreadFactory timerThreads = new CustomizableThreadFactory("pieces-timer-");
		timerThreads.setDaemon(true);
		this.timer = new ScheduledThreadPoolExecutor(1, timerThreads);
		this.timer.setRemoveOnCancelPolicy(true);
		this.timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		CustomizableThreadFactory workerThreads = new CustomizableThreadFactory("pieces-worker-");
		workerThreads.setDaemon(true);
		// both caches fetching at full concurrency, plus the streams' serial executors, connects, pings and
		// writes; tasks beyond that queue (none waits for another worker task, so queueing cannot deadlock)
		int size = 2 * settings.hydrationConcurrency() + WORKERS_BESIDES_FETCHES;
		ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 10, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), workerThreads);
		pool.allowCoreThreadTimeOut(true);
		this.workers = pool;
		this.container = TomcatSupport.container(settings.maxTextMessageSize());
		this.webSocketClient = new StandardWebSocketClient(this.container);
		this.webSocketClient.setTaskExecutor(new TaskExecutorAdapter(this.workers));
		this.webSocketClient.setUserProperties(TomcatSupport.sessionProperties(settings.connectTimeout().toMillis()));
	}

	CompletableFuture<WebSocketSession> openSession(WebSocketHandler handler, URI uri) {
		synchronized (this.connectLock) {
			if (this.released) {
				throw new RejectedExecutionException("The Pieces websocket manager is closed");
			}
			this.connectsInFlight++;
		}
		CompletableFuture<WebSocketSession> session;
		try {
			session = this.webSocketClient.execute(handler, new WebSocketHttpHeaders(), uri);
		}
		catch (RuntimeException ex) {
			connectEnded();
			throw ex;
		}
		session.whenComplete((opened, failure) -> connectEnded());
		return session;
	}

	private void connectEnded() {
		boolean destroyNow;
		synchronized (this.connectLock) {
			this.connectsInFlight--;
			destroyNow = this.released && this.connectsInFlight == 0;
		}
		if (destroyNow) {
			destroyContainer();
		}
	}

	void release() {
		this.timer.shutdownNow();
		boolean destroyNow;
		synchronized (this.connectLock) {
			this.released = true;
			destroyNow = this.connectsInFlight == 0;
		}
		// otherwise the last connect in flight destroys it when it ends (its session, if any, is closed then)
		if (destroyNow) {
			destroyContainer();
		}
		// let queued callbacks (e.g. onClose) finish; idle workers exit right away
		this.workers.shutdown();
	}

	private void destroyContainer() {
		TomcatSupport.destroy(this.container);
	}

}
