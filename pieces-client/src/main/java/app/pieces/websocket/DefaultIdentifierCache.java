package app.pieces.websocket;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import app.pieces.client.PiecesApiException;
import app.pieces.client.PiecesGoneException;
import app.pieces.client.PiecesNotFoundException;
import app.pieces.client.PiecesStatus;

/**
 * The {@link IdentifierCache} of an identifier socket, fed by it only. Every id has one {@link CacheEntry} (its
 * item, the generation of its latest event, its retries) in one map: a newer event or a deletion wins over a
 * late fetch by one comparison, and reads need no lock. A full list that needs much of the library fetched is
 * served by one {@link BulkRead} of the whole collection; the rest goes through a queue worked by at most
 * {@code concurrency} fetches at a time on the shared worker pool. 404/410 means removed, other failures are
 * retried with backoff and then slowly ({@link FetchRetries}), and an outage (see
 * {@link app.pieces.client.PiecesStatus#isOutage(Throwable)}) holds all fetches until the socket reconnects.
 *
 * @param <T> the cached item type
 * @author Pieces starter team
 */
final class DefaultIdentifierCache<T> implements IdentifierCache<T> {

	private static final Log logger = LogFactory.getLog(IdentifierCache.class);

	private final String name;

	private final int concurrency;

	private final Executor workers;

	private final TaskDelayer delayer;

	/** Runs a fetch; then its callbacks, on the same worker once the lock is released, where they allow it. */
	private final Consumer<Runnable> runFetch;

	private final CacheSource<T> source;

	private final FetchRetries retries;

	private final Object lock = new Object();

	/** The entries and what their changes mean; guarded by lock (its lock-free reads aside). */
	private final CacheEntries<T> state;

	// All fields below are guarded by lock.

	private int activeWorkers;

	private boolean paused;

	/** Whether fetches wait because Pieces OS was unreachable (until resumed or probed). */
	private boolean outage;

	private ClientEvent.SyncPath lastPath = ClientEvent.SyncPath.BULK;

	/**
	 * Create a cache; it is fed by its owning identifier socket only.
	 * @param name a short name for logs, e.g. {@code assets}
	 * @param source fetches items and reads their id and update time
	 * @param concurrency how many fetches may run at a time
	 * @param workers the pool fetches run on
	 * @param delayer schedules fetch retries
	 * @param callbacks the executor callbacks are delivered through (a serial executor keeps them ordered)
	 * @param listener the callbacks
	 */
	DefaultIdentifierCache(String name, CacheSource<T> source, int concurrency, Executor workers, TaskDelayer delayer,
			Executor callbacks, CacheListener<T> listener) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.isTrue(concurrency > 0, "'concurrency' must be positive");
		this.name = name;
		this.source = source;
		this.concurrency = concurrency;
		this.workers = workers;
		this.delayer = delayer;
		this.runFetch = (callbacks instanceof SerialExecutor serial) ? serial::runThenDrainHere : Runnable::run;
		this.retries = new FetchRetries(name);
		this.state = new CacheEntries<>(name, source, callbacks, listener);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Optional<T> get(String id) {
		return this.state.get(id);
	}

	@Override
	public List<T> snapshot() {
		synchronized (this.lock) {
			return this.state.snapshot();
		}
	}

	@Override
	public Set<String> ids() {
		return this.state.ids();
	}

	@Override
	public int size() {
		return this.state.size();
	}

	@Override
	public boolean isSynced() {
		return this.state.isSynced();
	}

	@Override
	public CompletableFuture<Void> initialSync() {
		return this.state.initialSync();
	}

	/**
	 * Apply the authoritative id list received as first frame after a connect: remove what it lacks, keep what
	 * it shows unchanged, and plan the fetch of the rest, in bulk if much of the library needs it.
	 * @param events the complete list of existing ids
	 */
	void applyAuthoritative(Collection<IdentifierEvent> events) {
		synchronized (this.lock) {
			this.state.planFullList(events);
			pumpLocked();
		}
	}

	/**
	 * Apply a delta frame: remove deleted ids, (re-)fetch the others.
	 * @param events the changed ids
	 */
	void applyDelta(Collection<IdentifierEvent> events) {
		synchronized (this.lock) {
			this.state.applyDelta(events);
			pumpLocked();
		}
	}

	/**
	 * Record that the owning stream disconnected: the cache is no longer known to be in sync until the next
	 * authoritative list has been applied, and fetching pauses until {@link #resume()} (Pieces OS is most likely
	 * away, and the full list after the next connect re-plans the fetches anyway). Cached items stay readable.
	 */
	void connectionLost() {
		synchronized (this.lock) {
			this.paused = true;
			this.state.disconnected();
		}
	}

	/**
	 * Stop starting fetches: running fetches complete but store nothing (their ids are queued again), queued ids
	 * stay queued until {@link #resume()}. Called when the owning socket is closed, so that no worker keeps
	 * hydrating after its manager was closed.
	 */
	void pause() {
		synchronized (this.lock) {
			this.paused = true;
		}
	}

	/**
	 * Start fetching again after {@link #pause()}, and restart fetches that could not be started because the
	 * worker pool was unavailable (e.g. after the owning manager was restarted).
	 */
	void resume() {
		synchronized (this.lock) {
			this.paused = false;
			this.outage = false;
			pumpLocked();
		}
	}

	/** Change the retry timings (tests use short ones); see {@link FetchRetries#timings}. */
	void retryTimings(BackOff retryBackOff, Duration slowRetryInterval, Duration outageProbeInterval,
			Duration summaryDelay) {
		synchronized (this.lock) {
			this.retries.timings(retryBackOff, slowRetryInterval, outageProbeInterval, summaryDelay);
		}
	}

	/**
	 * Change how long a bulk read may go without an item before it is given up for per-id fetches.
	 * @param timeout the stall timeout
	 */
	void bulkStallTimeout(Duration timeout) {
		synchronized (this.lock) {
			this.retries.bulkStallTimeout(timeout);
		}
	}

	private void pumpLocked() {
		while (!this.paused && !this.outage && this.activeWorkers < this.concurrency) {
			CacheEntries.Sync sync = this.state.sync();
			boolean bulk = sync != null && sync.bulkPending;
			if (!bulk && !this.state.hasQueued()) {
				return;
			}
			this.activeWorkers++;
			try {
				if (bulk) {
					sync.bulkPending = false;
					Duration stallTimeout = this.retries.bulkStallTimeout();
					this.workers.execute(new BulkRead<>(this.source, this.delayer, stallTimeout, new BulkSink(sync),
							this.workers));
				}
				else {
					this.workers.execute(this::work);
				}
			}
			catch (RejectedExecutionException ex) {
				this.activeWorkers--;
				if (bulk) {
					sync.bulkPending = true;
				}
				logger.debug("Fetches of the " + this.name + " cache are paused: no worker pool");
				return;
			}
		}
	}

	private void work() {
		while (true) {
			CacheEntry<T> entry;
			long generation;
			synchronized (this.lock) {
				entry = (this.paused || this.outage) ? null : this.state.poll();
				if (entry == null) {
					this.activeWorkers--;
					return;
				}
				if (!entry.isWanted() || entry.held || entry.inFlight || !this.state.isCurrent(entry)) {
					continue;
				}
				generation = entry.wanted;
				entry.inFlight = true;
			}
			CacheEntry<T> fetched = entry;
			long wanted = generation;
			this.runFetch.accept(() -> fetchAndApply(fetched, wanted));
		}
	}

	private void fetchAndApply(CacheEntry<T> entry, long generation) {
		T item = null;
		RuntimeException failure = null;
		try {
			item = this.source.fetch(entry.id);
		}
		catch (PiecesNotFoundException ex) {
			// gone (404, or 410 for PiecesGoneException): item stays null
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		synchronized (this.lock) {
			entry.inFlight = false;
			if (!this.state.isCurrent(entry) || !entry.isWanted()) {
				// deleted (or found current) while the fetch was in flight: that wins
				return;
			}
			if (this.paused || entry.wanted != generation) {
				// closed or disconnected meanwhile (a callback might no longer be delivered), or a newer event
				// arrived: fetch again later, for the newest version
				this.state.enqueue(entry);
				return;
			}
			if (failure != null && PiecesStatus.isOutage(failure)) {
				// Pieces OS is away or not OK: not this item's fault, so no retry is used up
				this.state.enqueue(entry);
				outageLocked(failure);
				return;
			}
			if (failure != null && PiecesStatus.isPermanent(failure)) {
				// a 4xx other than 404/410/408/429 (e.g. an id Pieces OS rejects): retrying cannot help, and
				// the cache equals Pieces OS as far as it can
				this.state.unfetchable(entry, failure);
			}
			else if (failure != null) {
				scheduleRetryLocked(entry, generation, failure);
			}
			else if (item == null) {
				this.state.remove(entry);
			}
			else {
				this.state.store(entry, item);
			}
			this.state.checkSynced();
		}
	}

	/**
	 * Where the bulk read of one sync puts its items: into the entries its plan holds for it. Items the answer
	 * lacks, and all the rest if the read fails or stalls, are then fetched one by one.
	 */
	private final class BulkSink implements BulkRead.Sink<T> {

		private final CacheEntries.Sync sync;

		BulkSink(CacheEntries.Sync sync) {
			this.sync = sync;
		}

		private boolean isCurrent() {
			return !this.sync.cancelled && DefaultIdentifierCache.this.state.sync() == this.sync;
		}

		@Override
		public boolean accept(T item) {
			synchronized (DefaultIdentifierCache.this.lock) {
				if (!isCurrent() || DefaultIdentifierCache.this.paused || this.sync.done) {
					// superseded, disconnected or complete: stop reading
					return false;
				}
				DefaultIdentifierCache.this.state.storeFromBulk(item);
				return true;
			}
		}

		@Override
		public void finished(@Nullable RuntimeException failure, long items, @Nullable Duration stalledFor) {
			synchronized (DefaultIdentifierCache.this.lock) {
				DefaultIdentifierCache.this.activeWorkers--;
				if (isCurrent()) {
					int missed = DefaultIdentifierCache.this.state.releaseHeld();
					if (failure != null) {
						fallBackLocked(this.sync, failure, items, stalledFor, missed);
					}
					else {
						DefaultIdentifierCache.this.lastPath = ClientEvent.SyncPath.BULK;
						if (missed > 0 && logger.isDebugEnabled()) {
							logger.debug("The " + DefaultIdentifierCache.this.name + " collection lacked " + missed
									+ " listed item(s); fetching them one by one");
						}
					}
					DefaultIdentifierCache.this.state.checkSynced();
				}
				pumpLocked();
			}
		}

	}

	/**
	 * Log why the bulk read failed (INFO when the path changes, so a Pieces OS without bulk reads says so once)
	 * and hold the per-id fetches if Pieces OS is away.
	 */
	private void fallBackLocked(CacheEntries.Sync sync, RuntimeException failure, long items,
			@Nullable Duration stalledFor, int missed) {
		sync.path = ClientEvent.SyncPath.FALLBACK;
		String reason = (stalledFor != null) ? "no item for " + stalledFor.toMillis() + "ms"
				: String.valueOf(failure.getMessage());
		String line = "Reading the " + this.name + " collection in one request failed after " + items + " item(s) ("
				+ reason + "); fetching the " + missed + " remaining item(s) one by one";
		if (this.lastPath != sync.path) {
			logger.info(line);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(line);
		}
		this.lastPath = sync.path;
		if (stalledFor == null && PiecesStatus.isOutage(failure)) {
			outageLocked(failure);
		}
	}

	/**
	 * Retry a failed fetch: quickly with backoff at first; once that runs out, report the failure once and keep
	 * retrying the id slowly. A given-up id no longer holds up the hydration of the current full list, but it
	 * stays wanted and keeps {@link #isSynced()} false until it is fetched or found gone.
	 */
	private void scheduleRetryLocked(CacheEntry<T> entry, long generation, RuntimeException failure) {
		Duration delay = this.retries.slowInterval();
		if (!entry.givenUp) {
			if (entry.retries == null) {
				entry.retries = this.retries.startQuick();
			}
			long next = entry.retries.nextBackOff();
			if (next == BackOffExecution.STOP) {
				this.state.giveUp(entry, failure);
				givenUpLocked(failure);
			}
			else {
				delay = Duration.ofMillis(next);
				if (logger.isDebugEnabled()) {
					logger.debug("Fetching an item of the " + this.name + " cache failed (" + failure + "), retrying in "
							+ next + "ms");
				}
			}
		}
		try {
			this.delayer.schedule(() -> retry(entry, generation), delay);
		}
		catch (RejectedExecutionException ex) {
			// no timer any more (the manager is closed): keep the entry queued until resume()
			this.state.enqueue(entry);
			this.paused = true;
		}
	}

	private void retry(CacheEntry<T> entry, long generation) {
		synchronized (this.lock) {
			if (this.state.isCurrent(entry) && entry.wanted == generation && !entry.held) {
				this.state.enqueue(entry);
				pumpLocked();
			}
		}
	}

	/** Apply a write of this client at once: the item it returned, or {@code null} after it deleted the id. */
	void applyWrite(String id, @Nullable T item) {
		synchronized (this.lock) {
			if (item != null) {
				this.state.written(item);
			}
			else {
				this.state.deletedByClient(id);
			}
		}
	}

	/**
	 * Hold all fetches after Pieces OS was unreachable or not OK: the owning socket resumes them when it
	 * reconnects; a probe a little later lets a few fetches try again (in case only REST failed, or Pieces OS
	 * became OK while the socket stayed connected).
	 */
	private void outageLocked(RuntimeException failure) {
		if (this.outage) {
			return;
		}
		this.outage = true;
		if (logger.isDebugEnabled()) {
			String reason = (failure instanceof PiecesApiException api) ? "Pieces OS answers " + api.getStatusCode()
					: "Pieces OS is unreachable";
			logger.debug("Fetches of the " + this.name + " cache wait: " + reason);
		}
		try {
			this.delayer.schedule(this::endOutage, this.retries.outageProbeInterval());
		}
		catch (RejectedExecutionException ex) {
			// no timer any more (the manager is closed): wait for resume()
			this.paused = true;
		}
	}

	private void endOutage() {
		synchronized (this.lock) {
			if (this.outage) {
				this.outage = false;
				pumpLocked();
			}
		}
	}

	/** Count a give-up for the next summary line: one WARN line per batch of give-ups, not one per id. */
	private void givenUpLocked(RuntimeException failure) {
		if (!this.retries.countGiveUp(failure)) {
			return;
		}
		try {
			this.delayer.schedule(this::logGiveUps, this.retries.summaryDelay());
		}
		catch (RejectedExecutionException ex) {
			logGiveUps();
		}
	}

	private void logGiveUps() {
		String summary;
		synchronized (this.lock) {
			summary = this.retries.takeSummary();
		}
		if (summary != null) {
			logger.warn(summary);
		}
	}

	@Override
	public String toString() {
		return "IdentifierCache[" + this.name + ", size=" + size() + ", synced=" + isSynced() + "]";
	}

}
