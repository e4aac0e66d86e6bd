package app.pieces.copilot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The chunks of one answer: an append-only list that ends exactly once (normally or with an error), replayed
 * to every chunk listener and every {@link Flow.Subscriber}, whenever they join.
 * <p>
 * Chunk listeners are called under this stream's lock, so they see each chunk exactly once and in order,
 * also when one registers while chunks arrive. Subscribers are driven by a lock-free drain loop that honours
 * their demand (Reactive Streams rules: signals are serial, {@code request(n <= 0)} fails the subscription,
 * {@code cancel()} stops delivery).
 */
final class ChunkStream implements Flow.Publisher<String> {

	private static final Log logger = LogFactory.getLog(ChunkStream.class);

	private final Object lock = new Object();

	private final List<String> chunks = new ArrayList<>();

	private final List<Consumer<String>> listeners = new ArrayList<>();

	private final List<ChunkSubscription> subscriptions = new CopyOnWriteArrayList<>();

	private final StringBuilder text = new StringBuilder();

	private volatile boolean terminated;

	private volatile @Nullable Throwable failure;

	/**
	 * Append a chunk and hand it to the listeners and subscribers.
	 * @param chunk the chunk
	 * @return {@code false} if the stream has already ended (the chunk is dropped)
	 */
	boolean append(String chunk) {
		synchronized (this.lock) {
			if (this.terminated) {
				return false;
			}
			this.chunks.add(chunk);
			this.text.append(chunk);
			for (Consumer<String> listener : this.listeners) {
				notifyListener(listener, chunk);
			}
		}
		drainAll();
		return true;
	}

	/**
	 * End the stream.
	 * @param failure the error that ended it, or {@code null} for a normal end
	 * @return {@code true} if this call ended the stream, {@code false} if it had already ended
	 */
	boolean terminate(@Nullable Throwable failure) {
		synchronized (this.lock) {
			if (this.terminated) {
				return false;
			}
			this.failure = failure;
			this.terminated = true;
			this.listeners.clear();
		}
		drainAll();
		return true;
	}

	/**
	 * Register a chunk listener; chunks received so far are replayed to it first.
	 * @param listener the listener
	 */
	void addListener(Consumer<String> listener) {
		Objects.requireNonNull(listener, "'listener' must not be null");
		synchronized (this.lock) {
			for (String chunk : this.chunks) {
				notifyListener(listener, chunk);
			}
			if (!this.terminated) {
				this.listeners.add(listener);
			}
		}
	}

	private void notifyListener(Consumer<String> listener, String chunk) {
		try {
			listener.accept(chunk);
		}
		catch (RuntimeException ex) {
			logger.warn("Copilot chunk listener failed; the answer continues", ex);
		}
	}

	String text() {
		synchronized (this.lock) {
			return this.text.toString();
		}
	}

	int chunkCount() {
		synchronized (this.lock) {
			return this.chunks.size();
		}
	}

	String chunk(int index) {
		synchronized (this.lock) {
			return this.chunks.get(index);
		}
	}

	boolean isTerminated() {
		return this.terminated;
	}

	@Override
	public void subscribe(Flow.Subscriber<? super String> subscriber) {
		Objects.requireNonNull(subscriber, "'subscriber' must not be null");
		ChunkSubscription subscription = new ChunkSubscription(subscriber);
		this.subscriptions.add(subscription);
		subscriber.onSubscribe(subscription);
		subscription.drain();
	}

	private void drainAll() {
		for (ChunkSubscription subscription : this.subscriptions) {
			subscription.drain();
		}
	}

	private final class ChunkSubscription implements Flow.Subscription {

		private final Flow.Subscriber<? super String> subscriber;

		private final AtomicLong requested = new AtomicLong();

		private final AtomicInteger wip = new AtomicInteger();

		private volatile boolean cancelled;

		private volatile @Nullable IllegalArgumentException badRequest;

		private int index;

		private boolean done;

		ChunkSubscription(Flow.Subscriber<? super String> subscriber) {
			this.subscriber = subscriber;
		}

		@Override
		public void request(long n) {
			if (n <= 0) {
				this.badRequest = new IllegalArgumentException("§3.9: request must be positive, was " + n);
			}
			else {
				this.requested.getAndUpdate((current) -> {
					long sum = current + n;
					return (sum < 0) ? Long.MAX_VALUE : sum;
				});
			}
			drain();
		}

		@Override
		public void cancel() {
			this.cancelled = true;
			ChunkStream.this.subscriptions.remove(this);
		}

		void drain() {
			if (this.wip.getAndIncrement() != 0) {
				return;
			}
			int missed = 1;
			do {
				emit();
				missed = this.wip.addAndGet(-missed);
			}
			while (missed != 0);
		}

		private void emit() {
			if (this.done || this.cancelled) {
				return;
			}
			IllegalArgumentException badRequest = this.badRequest;
			if (badRequest != null) {
				finish(badRequest);
				return;
			}
			while (this.requested.get() > 0 && this.index < chunkCount()) {
				String chunk = chunk(this.index++);
				this.requested.decrementAndGet();
				try {
					this.subscriber.onNext(chunk);
				}
				catch (RuntimeException ex) {
					logger.warn("Copilot chunk subscriber threw from onNext (§2.13); cancelling its subscription", ex);
					cancel();
					return;
				}
				if (this.cancelled) {
					return;
				}
			}
			boolean ended = isTerminated();
			if (ended && this.index >= chunkCount()) {
				finish(ChunkStream.this.failure);
			}
		}

		private void finish(@Nullable Throwable error) {
			this.done = true;
			ChunkStream.this.subscriptions.remove(this);
			if (error != null) {
				this.subscriber.onError(error);
			}
			else {
				this.subscriber.onComplete();
			}
		}

	}

}
