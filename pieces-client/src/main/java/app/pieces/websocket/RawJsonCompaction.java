package app.pieces.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import app.pieces.model.RawJson;
import app.pieces.model.RawJsonCarrier;

/**
 * Deflates the raw JSON of the items of one bulk read on the worker pool, in batches, so that the reading thread
 * only reads: deflating costs about twice what binding an asset does. The texts not deflated yet are bounded: past
 * {@value #MAX_PENDING_BYTES} bytes handed off, the reader deflates its items itself until the workers catch up.
 * Used by one reading thread.
 */
final class RawJsonCompaction {

	private static final int BATCH_BYTES = 256 * 1024;

	private static final long MAX_PENDING_BYTES = 16 * 1024 * 1024;

	private final Executor workers;

	/** Bytes handed to the workers and not deflated yet. */
	private final AtomicLong pending = new AtomicLong();

	private List<RawJson> batch = new ArrayList<>();

	private int batchBytes;

	RawJsonCompaction(Executor workers) {
		this.workers = workers;
	}

	/**
	 * Take the raw JSON of an item read, if it has one that may shrink.
	 * @param item the item
	 */
	void add(Object item) {
		RawJson raw = (item instanceof RawJsonCarrier<?> carrier) ? carrier.rawJson() : null;
		if (raw == null || raw.size() <= RawJson.COMPRESSION_THRESHOLD || raw.storedSize() < raw.size()) {
			return;
		}
		if (this.pending.get() > MAX_PENDING_BYTES) {
			raw.compact();
			return;
		}
		this.batch.add(raw);
		this.batchBytes += raw.size();
		if (this.batchBytes >= BATCH_BYTES) {
			flush();
		}
	}

	/**
	 * Hand off what was taken since the last batch (at the end of the read).
	 */
	void flush() {
		if (this.batch.isEmpty()) {
			return;
		}
		List<RawJson> texts = this.batch;
		long bytes = this.batchBytes;
		this.batch = new ArrayList<>();
		this.batchBytes = 0;
		this.pending.addAndGet(bytes);
		try {
			this.workers.execute(() -> compact(texts, bytes));
		}
		catch (RejectedExecutionException ex) {
			// no workers any more (the manager is closing): the texts are still deflated, here
			compact(texts, bytes);
		}
	}

	private void compact(List<RawJson> texts, long bytes) {
		try {
			texts.forEach(RawJson::compact);
		}
		finally {
			this.pending.addAndGet(-bytes);
		}
	}

}
