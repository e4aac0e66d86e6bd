package app.pieces.sample.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import app.pieces.model.Asset;
import app.pieces.model.Conversation;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * The page's live feed: every browser that opens {@code GET /api/events} gets, in order, a
 * {@code status} event, an {@code assets} event (the full list) and a {@code conversations}
 * event, then deltas as the starter reports them: {@code asset-updated}, {@code asset-removed},
 * {@code conversation-updated}, {@code conversation-removed} and fresh {@code status} events
 * (coalesced: a burst of changes yields one status event). A comment line every few seconds
 * ({@code sample.sse.heartbeat}, default {@link #HEARTBEAT}) on every open stream, the copilot answers of
 * {@code /api/ask} included, keeps idle connections alive and finds browsers that went away: an answer whose
 * browser left during a silent stretch is stopped within seconds, not at the copilot's timeout.
 * <p>
 * Sends happen on daemon threads owned by this bean ({@code sample-sse-*}), never on the thread
 * that reports the change, and each stream is written by a thread of its own while it has events
 * to write: a browser that stops reading blocks only its own writer (Tomcat's writes block), never
 * the other browsers or a copilot answer; it is closed once it falls {@value SseChannel#MAX_QUEUED_EVENTS}
 * events behind. At most {@value #MAX_STREAMS} streams are open at once. On shutdown (this bean stops before the web server drains its requests,
 * and the starter's streams close only after that) every copilot answer still streaming is stopped: Pieces OS
 * gets its stop frame and the browser exactly one final {@code error} event; live feeds end at once, so the
 * graceful shutdown does not wait for them.
 *
 * @author Pieces starter team
 */
@Component
public class LiveUpdates implements SmartLifecycle {

	/**
	 * How often idle connections receive a comment line.
	 */
	static final Duration HEARTBEAT = Duration.ofSeconds(5);

	/**
	 * How long a write to a browser may stay blocked before the browser is taken as gone.
	 */
	static final Duration STALL_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How long a browser's event stream lasts before the browser reconnects by itself.
	 */
	static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

	/**
	 * How long a shutdown waits for stopped answers to send their final event.
	 */
	static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(3);

	private final PiecesStatus status;

	private final Set<SseChannel> subscribers = new CopyOnWriteArraySet<>();

	// every channel made by channel(), for the heartbeat
	private final Set<SseChannel> channels = new CopyOnWriteArraySet<>();

	private final Duration heartbeat;

	private final Duration stallTimeout;

	private final AtomicBoolean statusPending = new AtomicBoolean();

	private static final AtomicInteger instances = new AtomicInteger();

	private final String threadNamePrefix = "sample-sse-" + instances.incrementAndGet() + "-";

	private final AtomicInteger threads = new AtomicInteger();

	private final Object lifecycleMonitor = new Object();

	// held while a subscriber is added with its snapshots and while a delta is queued to every subscriber
	private final Object feedMonitor = new Object();

	/**
	 * How many event streams (live feeds and copilot answers) may be open at once.
	 */
	static final int MAX_STREAMS = 256;

	// created by start(), shut down by stop(); null while stopped: the heartbeat
	private volatile @Nullable ScheduledThreadPoolExecutor executor;

	// one thread per stream that has events to write, none for idle streams
	private volatile @Nullable ThreadPoolExecutor writers;

	LiveUpdates(PiecesStatus status) {
		this(status, HEARTBEAT, STALL_TIMEOUT);
	}

	@Autowired
	LiveUpdates(PiecesStatus status, @Value("${sample.sse.heartbeat:5s}") Duration heartbeat,
			@Value("${sample.sse.stall-timeout:10s}") Duration stallTimeout) {
		Assert.isTrue(!heartbeat.isNegative() && !heartbeat.isZero(), "sample.sse.heartbeat must be positive");
		Assert.isTrue(!stallTimeout.isNegative() && !stallTimeout.isZero(), "sample.sse.stall-timeout must be positive");
		this.status = status;
		this.heartbeat = heartbeat;
		this.stallTimeout = stallTimeout;
	}

	/**
	 * Open a live feed for one browser: register it and queue the snapshot events in one step
	 * that no broadcast can enter, so the snapshots always come first and no change is lost: a
	 * change made before the snapshots is in them, a later one follows them as a delta.
	 * @return the emitter to return from the controller
	 */
	public SseEmitter subscribe() {
		this.channels.removeIf(SseChannel::isClosed);
		if (this.channels.size() >= MAX_STREAMS) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"Too many open event streams (" + MAX_STREAMS + "); try again later");
		}
		SseChannel channel = channel(new SseEmitter(STREAM_LIFETIME.toMillis()));
		Runnable unsubscribe = () -> this.subscribers.remove(channel);
		channel.emitter().onCompletion(unsubscribe);
		channel.emitter().onTimeout(unsubscribe);
		channel.emitter().onError((ex) -> unsubscribe.run());
		synchronized (this.feedMonitor) {
			this.subscribers.add(channel);
			channel.send(event("status", this.status.current()));
			channel.send(event("assets", this.status.assets()));
			channel.send(event("conversations", this.status.conversations()));
		}
		return channel.emitter();
	}

	/**
	 * Create a channel that writes to the given emitter on this bean's threads, without
	 * registering it for the live feed (used to stream copilot answers).
	 * @param emitter the emitter
	 * @return the channel
	 */
	public SseChannel channel(SseEmitter emitter) {
		SseChannel channel = new SseChannel(emitter, this::execute);
		this.channels.add(channel);
		return channel;
	}

	private void execute(Runnable task) {
		ThreadPoolExecutor current = this.writers;
		if (current == null) {
			throw new RejectedExecutionException("The live updates are stopped");
		}
		current.execute(task);
	}

	/**
	 * Return how many browsers are subscribed.
	 * @return the number of open live feeds
	 */
	public int subscribers() {
		this.subscribers.removeIf(SseChannel::isClosed);
		return this.subscribers.size();
	}

	/**
	 * Push a fresh status to every browser, soon. Calls that arrive while a push is pending are
	 * folded into it.
	 */
	public void statusChanged() {
		if (this.statusPending.compareAndSet(false, true)) {
			try {
				execute(() -> {
					this.statusPending.set(false);
					broadcast("status", this.status.current());
				});
			}
			catch (RejectedExecutionException ex) {
				// shutting down: nobody to tell
				this.statusPending.set(false);
			}
		}
	}

	/**
	 * Push an asset that was created or changed.
	 * @param asset the asset as now cached
	 */
	public void assetUpdated(Asset asset) {
		broadcast("asset-updated", ItemViews.of(asset));
		statusChanged();
	}

	/**
	 * Push the removal of an asset.
	 * @param asset the last known version of the asset
	 */
	public void assetRemoved(Asset asset) {
		broadcast("asset-removed", Map.of("id", asset.id()));
		statusChanged();
	}

	/**
	 * Push a conversation that was created or changed.
	 * @param conversation the conversation as now cached
	 */
	public void conversationUpdated(Conversation conversation) {
		broadcast("conversation-updated", ItemViews.of(conversation));
		statusChanged();
	}

	/**
	 * Push the removal of a conversation.
	 * @param conversation the last known version of the conversation
	 */
	public void conversationRemoved(Conversation conversation) {
		broadcast("conversation-removed", Map.of("id", conversation.id()));
		statusChanged();
	}

	private void broadcast(String name, Object data) {
		synchronized (this.feedMonitor) {
			for (SseChannel channel : this.subscribers) {
				if (channel.isClosed()) {
					this.subscribers.remove(channel);
				}
				else {
					channel.send(event(name, data));
				}
			}
		}
	}

	private void heartbeat() {
		this.subscribers.removeIf(SseChannel::isClosed);
		for (SseChannel channel : this.channels) {
			if (channel.isClosed()) {
				this.channels.remove(channel);
			}
			else if (channel.isStalled(this.stallTimeout)) {
				channel.giveUp("stopped reading for more than " + this.stallTimeout.toSeconds() + "s");
				this.channels.remove(channel);
			}
			else {
				// a write to a browser that went away fails, which ends the channel and what it streams
				channel.send(SseEmitter.event().comment("keep-alive"));
			}
		}
	}

	private static SseEventBuilder event(String name, Object data) {
		return SseEmitter.event().name(name).data(data);
	}

	/**
	 * Start this bean's threads (also after a {@link #stop()}: Spring pauses and restarts the
	 * lifecycle of cached test contexts).
	 */
	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.executor != null) {
				return;
			}
			ThreadFactory threadFactory = (runnable) -> {
				Thread thread = new Thread(runnable, this.threadNamePrefix + this.threads.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			};
			// a hand-off, no queue: a stream that waits for a writer would be a stream stalled by another one
			this.writers = new ThreadPoolExecutor(0, MAX_STREAMS + 8, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
					threadFactory);
			ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1, threadFactory);
			started.setRemoveOnCancelPolicy(true);
			started.scheduleWithFixedDelay(this::heartbeat, this.heartbeat.toMillis(), this.heartbeat.toMillis(),
					TimeUnit.MILLISECONDS);
			this.executor = started;
		}
	}

	/**
	 * End every open stream and stop this bean's threads.
	 */
	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			// answers still streaming are stopped and send their one final event; live feeds end at once
			List<CompletableFuture<Void>> ending = new ArrayList<>();
			for (SseChannel channel : this.channels) {
				channel.shutdown();
				ending.add(channel.ended());
			}
			try {
				CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new))
					.get(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException | TimeoutException ex) {
				// what has not ended by now is closed below
			}
			for (SseChannel channel : this.channels) {
				channel.close();
			}
			this.subscribers.clear();
			this.channels.clear();
			ScheduledThreadPoolExecutor stopped = this.executor;
			this.executor = null;
			if (stopped != null) {
				stopped.shutdownNow();
			}
			ThreadPoolExecutor stoppedWriters = this.writers;
			this.writers = null;
			if (stoppedWriters != null) {
				stoppedWriters.shutdownNow();
			}
		}
	}

	/**
	 * Return the prefix of this bean's thread names ({@code sample-sse-<instance>-}).
	 * @return the prefix
	 */
	String threadNamePrefix() {
		return this.threadNamePrefix;
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
