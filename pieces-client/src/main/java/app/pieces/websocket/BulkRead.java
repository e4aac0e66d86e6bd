package app.pieces.websocket;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

/**
 * One read of a whole collection in one streamed request, watched for stalls: if no item arrives for the stall
 * timeout, the reading thread is interrupted, which makes its blocked read fail, so a stalled answer never holds
 * the cache. Items go to a {@link Sink} as they are decoded; the sink can stop the read. Their raw JSON comes as
 * read and is deflated on the workers ({@link RawJsonCompaction}).
 *
 * @param <T> the item type
 */
final class BulkRead<T> implements Runnable {

	private final CacheSource<T> source;

	private final TaskDelayer delayer;

	private final Duration stallTimeout;

	private final Sink<T> sink;

	private final RawJsonCompaction compaction;

	private final Object monitor = new Object();

	// guarded by monitor

	private long items;

	private @Nullable Thread reader;

	private boolean stalled;

	BulkRead(CacheSource<T> source, TaskDelayer delayer, Duration stallTimeout, Sink<T> sink, Executor workers) {
		this.source = source;
		this.delayer = delayer;
		this.stallTimeout = stallTimeout;
		this.sink = sink;
		this.compaction = new RawJsonCompaction(workers);
	}

	@Override
	public void run() {
		synchronized (this.monitor) {
			this.reader = Thread.currentThread();
		}
		scheduleStallCheck(-1);
		RuntimeException failure = null;
		try {
			this.source.fetchAll((item) -> {
				synchronized (this.monitor) {
					this.items++;
				}
				if (!this.sink.accept(item)) {
					throw new Stopped();
				}
				this.compaction.add(item);
			});
		}
		catch (Stopped ex) {
			// the sink has what it needs
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		this.compaction.flush();
		long read;
		boolean stalledRead;
		synchronized (this.monitor) {
			this.reader = null;
			// an interrupt of the stall check that came too late to matter must not hit the next task
			Thread.interrupted();
			read = this.items;
			stalledRead = this.stalled;
		}
		this.sink.finished(failure, read, stalledRead ? this.stallTimeout : null);
	}

	private void scheduleStallCheck(long itemsAtLastCheck) {
		try {
			this.delayer.schedule(() -> {
				synchronized (this.monitor) {
					Thread thread = this.reader;
					if (thread == null) {
						return;
					}
					if (this.items == itemsAtLastCheck) {
						this.stalled = true;
						thread.interrupt();
						return;
					}
					scheduleStallCheck(this.items);
				}
			}, this.stallTimeout);
		}
		catch (RejectedExecutionException ex) {
			// no timer any more (the manager is closed): the sink stops the read at its next item
		}
	}

	/**
	 * Where the items of the read go.
	 *
	 * @param <T> the item type
	 */
	interface Sink<T> {

		/**
		 * Take an item.
		 * @return whether to read on
		 */
		boolean accept(T item);

		/**
		 * The read is over.
		 * @param failure why it failed, or {@code null} if it read to the end or was stopped by the sink
		 * @param items how many items it delivered
		 * @param stalledFor the stall timeout if the read was given up for a stall, otherwise {@code null}
		 */
		void finished(@Nullable RuntimeException failure, long items, @Nullable Duration stalledFor);

	}

	/**
	 * Thrown into the read to stop it early.
	 */
	private static final class Stopped extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Stopped() {
			super("stopped", null, false, false);
		}

	}

}
