package app.pieces.sample.live;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * One server-sent-events connection to a browser, written off the caller's thread.
 * <p>
 * {@link #send(SseEventBuilder)} only queues the event; a shared executor writes the queued
 * events to the {@link SseEmitter} one at a time, in order. Whoever produces the events (the
 * event delivery of the starter, a copilot answer's delivery thread) is therefore never
 * blocked by a slow or vanished browser. A browser that falls more than
 * {@value #MAX_QUEUED_EVENTS} events behind is disconnected (its {@code EventSource}
 * reconnects and starts again from a fresh snapshot).
 *
 * @author Pieces starter team
 */
public final class SseChannel {

	/**
	 * How many events may wait for a slow browser before the channel gives up on it.
	 */
	static final int MAX_QUEUED_EVENTS = 1000;

	private static final Log logger = LogFactory.getLog(SseChannel.class);

	private final SseEmitter emitter;

	private final Executor executor;

	private final Queue<Object> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private static final Object COMPLETE = new Object();

	private final List<Runnable> abortHooks = new CopyOnWriteArrayList<>();

	private final AtomicBoolean aborted = new AtomicBoolean();

	private final AtomicBoolean completedNormally = new AtomicBoolean();

	private final CompletableFuture<Void> ended = new CompletableFuture<>();

	// System.nanoTime() when the write in progress began, 0 when not writing
	private volatile long writingSince;

	SseChannel(SseEmitter emitter, Executor executor) {
		this.emitter = emitter;
		this.executor = executor;
		emitter.onCompletion(() -> {
			this.closed.set(true);
			this.ended.complete(null);
		});
		// end a stream that reached its lifetime quietly: the browser's EventSource reconnects
		emitter.onTimeout(this::close);
		emitter.onError((ex) -> {
			this.closed.set(true);
			runAbortHooks();
		});
	}

	/**
	 * Run the given hook once if the stream ends before its normal {@link #complete()
	 * completion}: a write to the browser failed (it went away), the browser fell too far
	 * behind, the stream timed out or failed, or the application closed it. Used to stop work
	 * nobody will see, such as a copilot answer. Runs at once if the channel already ended that
	 * way; never runs after a normal completion.
	 * @param hook what to do, e.g. {@code answer::stop}; must be quick and not throw
	 */
	public void onAbort(Runnable hook) {
		this.abortHooks.add(hook);
		if (this.aborted.get() && this.abortHooks.remove(hook)) {
			runAbortHook(hook);
		}
	}

	/**
	 * Return the emitter this channel writes to (the controller returns it to Spring MVC).
	 * @return the emitter
	 */
	public SseEmitter emitter() {
		return this.emitter;
	}

	/**
	 * Return whether the channel has ended (completed, timed out, failed or given up).
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Queue an event for this browser. Does nothing once the channel is closed.
	 * @param event the event
	 */
	public void send(SseEventBuilder event) {
		enqueue(event);
	}

	/**
	 * Queue the end of the stream: after the events queued before, the response is completed.
	 */
	public void complete() {
		enqueue(COMPLETE);
	}

	/**
	 * End the stream because the application shuts down. What streams into it is stopped first: its abort hooks
	 * run (a copilot answer is stopped, sends its stop frame to Pieces OS and then its one final event), and the
	 * channel completes once that final event is written ({@link #ended()}). A channel with nothing streaming
	 * into it (a live feed) is closed at once.
	 */
	public void shutdown() {
		if (this.abortHooks.isEmpty()) {
			close();
			return;
		}
		runAbortHooks();
	}

	/**
	 * Return a future that completes when the stream has ended, however it ended.
	 * @return the future
	 */
	public CompletableFuture<Void> ended() {
		return this.ended.copy();
	}

	/**
	 * End the stream now, dropping queued events (used when the application shuts down).
	 */
	public void close() {
		if (end()) {
			completeQuietly();
			runAbortHooks();
		}
	}

	/**
	 * Mark the channel ended, once: drop what is queued and tell {@link #ended()}; the caller then completes the
	 * emitter its own way.
	 * @return {@code true} for the one caller that ended it
	 */
	private boolean end() {
		if (!this.closed.compareAndSet(false, true)) {
			return false;
		}
		this.queue.clear();
		this.ended.complete(null);
		return true;
	}

	private void enqueue(Object item) {
		if (this.closed.get()) {
			return;
		}
		if (this.queued.incrementAndGet() > MAX_QUEUED_EVENTS) {
			giveUp("fell more than " + MAX_QUEUED_EVENTS + " server-sent events behind");
			return;
		}
		this.queue.add(item);
		scheduleDrain();
	}

	/**
	 * Return whether a write to the browser has been blocked for longer than the given time: the browser stopped
	 * reading (its buffers are full), and this channel's writer waits for it.
	 * @param limit how long a write may take
	 * @return {@code true} if the channel is stalled
	 */
	boolean isStalled(Duration limit) {
		long since = this.writingSince;
		return since != 0 && System.nanoTime() - since > limit.toNanos();
	}

	/**
	 * Close the channel of a browser that cannot keep up, with one WARN line and no stack trace (completing with an
	 * error would make the servlet container log one per browser): its {@code EventSource} reconnects and starts
	 * again from a fresh snapshot.
	 * @param why what the browser did, for the log line
	 */
	void giveUp(String why) {
		if (end()) {
			logger.warn("A browser " + why + "; closing its connection (it will reconnect)");
			runAbortHooks();
			// not on this thread: the emitter is locked by a write that may stay blocked until the container's
			// timeout, and the caller (a producer, the heartbeat) must go on
			try {
				this.executor.execute(this::completeQuietly);
			}
			catch (RejectedExecutionException ex) {
				// shutting down: the container ends the response
			}
		}
	}

	private void completeQuietly() {
		try {
			this.emitter.complete();
		}
		catch (IllegalStateException ex) {
			// already completed
		}
	}

	private void scheduleDrain() {
		if (this.draining.compareAndSet(false, true)) {
			try {
				this.executor.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				// the application is shutting down
				this.draining.set(false);
				abort(ex);
			}
		}
	}

	private void drain() {
		try {
			Object item;
			while (!this.closed.get() && (item = this.queue.poll()) != null) {
				this.queued.decrementAndGet();
				if (item == COMPLETE) {
					this.completedNormally.set(true);
					this.closed.set(true);
					this.abortHooks.clear();
					this.emitter.complete();
					this.ended.complete(null);
				}
				else {
					this.writingSince = System.nanoTime();
					try {
						this.emitter.send((SseEventBuilder) item);
					}
					finally {
						this.writingSince = 0;
					}
				}
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the browser went away (or the response was already completed)
			logger.debug("Server-sent events connection ended: " + ex.getMessage());
			abort(ex);
		}
		finally {
			this.draining.set(false);
		}
		if (!this.closed.get() && !this.queue.isEmpty()) {
			scheduleDrain();
		}
	}

	private void abort(Throwable cause) {
		if (end()) {
			// before the emitter learns of it: a hook added once the failure shows runs at once
			this.aborted.set(true);
			try {
				this.emitter.completeWithError(cause);
			}
			catch (IllegalStateException ex) {
				// already completed
			}
			runAbortHooks();
		}
	}

	private void runAbortHooks() {
		if (this.completedNormally.get()) {
			return;
		}
		this.aborted.set(true);
		for (Runnable hook : this.abortHooks) {
			// whoever removes a hook runs it: once, also when onAbort races with an abort
			if (this.abortHooks.remove(hook)) {
				runAbortHook(hook);
			}
		}
	}

	private static void runAbortHook(Runnable hook) {
		try {
			hook.run();
		}
		catch (RuntimeException ex) {
			logger.warn("A hook run when a server-sent events connection ended early failed: " + ex, ex);
		}
	}

}
