package app.pieces.websocket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;

import app.pieces.client.PiecesApiException;
import app.pieces.client.PiecesGoneException;
import app.pieces.client.PiecesNotFoundException;
import app.pieces.client.PiecesStatus;

/**
 * A self-healing cache of the objects an identifier stream announces, hydrated over REST. The first frame after
 * every connect is authoritative (cached ids it lacks are removed), later frames are deltas; fetches run with
 * bounded parallelism, a generation per pending id lets a newer event win over a late fetch, 404/410 means
 * removed, other failures are retried with backoff and then slowly, and an outage (see
 * {@link app.pieces.client.PiecesStatus#isOutage(Throwable)}) holds all fetches until the socket reconnects.
 * Only the owning socket feeds the cache; its public methods read, never block on fetches and hand out immutable
 * values. {@code WEBSOCKETS.md} tells the whole story.
 *
 * @param <T> the cached item type
 * @author Pieces starter team
 */
public final class IdentifierCache<T> {

	private static final Log logger = LogFactory.getLog(IdentifierCache.class);

	private final String name;

	private final int concurrency;

	private final Executor workers;

	private final TaskDelayer delayer;

	private final Executor callbacks;

	private final CacheListener<T> listener;

	private final Source<T> source;

	private final FetchRetries retries;

	private final Map<String, T> items = new ConcurrentHashMap<>();

	private final Object lock = new Object();

	// All fields below are guarded by lock.

	/** Ids waiting for a fetch, in arrival order, each at most once. */
	private final LinkedHashSet<String> queue = new LinkedHashSet<>();

	/** Ids whose fetch is running. */
	private final Set<String> inFlight = new HashSet<>();

	/** Generation of the latest event of every id that still needs a fetch. */
	private final Map<String, Long> pending = new HashMap<>();

	/**
	 * Ids of the current authoritative list that are neither hydrated, found gone nor given up
	 * yet: the hydration of the list is finished when this is empty.
	 */
	private final Set<String> syncPending = new HashSet<>();

	private long generation;

	private int activeWorkers;

	private boolean syncing;

	private boolean paused;

	/** Whether fetches wait because Pieces OS was unreachable (until resumed or probed). */
	private boolean outage;

	private Instant syncStartedAt = Instant.EPOCH;

	private @Nullable List<T> snapshot;

	private volatile boolean synced;

	private final CompletableFuture<Void> initialSync = new CompletableFuture<>();

	/**
	 * Create a cache; it is fed by its owning identifier socket only.
	 * @param name a short name for logs, e.g. {@code assets}
	 * @param source fetches items and reads their id and update time
	 * @param concurrency how many fetches may run at a time
	 * @param workers the pool fetches run on
	 * @param delayer schedules fetch retries
	 * @param callbacks the executor callbacks are delivered through (a serial executor keeps
	 * them ordered)
	 * @param listener the callbacks
	 */
	IdentifierCache(String name, Source<T> source, int concurrency, Executor workers, TaskDelayer delayer,
			Executor callbacks, CacheListener<T> listener) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.isTrue(concurrency > 0, "'concurrency' must be positive");
		this.name = name;
		this.source = source;
		this.concurrency = concurrency;
		this.workers = workers;
		this.delayer = delayer;
		this.callbacks = callbacks;
		this.listener = listener;
		this.retries = new FetchRetries(name);
	}

	private @Nullable Instant updatedOf(T item) {
		return this.source.updatedOf(item);
	}

	private String idOf(T item) {
		return this.source.idOf(item);
	}

	/**
	 * Return the short name of this cache, e.g. {@code assets}.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the cached item with the given id.
	 * @param id the id
	 * @return the item, or empty if not cached (unknown, deleted, or not fetched yet)
	 */
	public Optional<T> get(String id) {
		return Optional.ofNullable(this.items.get(id));
	}

	/**
	 * Return an immutable snapshot of all cached items, newest update first.
	 * @return the items
	 */
	public List<T> snapshot() {
		synchronized (this.lock) {
			List<T> snapshot = this.snapshot;
			if (snapshot == null) {
				List<T> sorted = new ArrayList<>(this.items.values());
				sorted.sort(Comparator.comparing(this::updatedOf, Comparator.nullsLast(Comparator.reverseOrder()))
					.thenComparing(this::idOf));
				snapshot = List.copyOf(sorted);
				this.snapshot = snapshot;
			}
			return snapshot;
		}
	}

	/**
	 * Return the ids of all cached items.
	 * @return an immutable set of ids
	 */
	public Set<String> ids() {
		return Set.copyOf(this.items.keySet());
	}

	/**
	 * Return the number of cached items.
	 * @return the size
	 */
	public int size() {
		return this.items.size();
	}

	/**
	 * Return whether the cache currently equals what Pieces OS announced: true once every id
	 * of the first frame after the current connection has been fetched (or found gone) and no
	 * fetch keeps failing; false before that, after the connection is lost (the cached items
	 * stay readable), and while the fetch of any item (of the full list or of a later change)
	 * keeps failing after its retries. It turns true again when such an item is fetched or
	 * found gone.
	 * @return whether the cache is in sync
	 */
	public boolean isSynced() {
		return this.synced && this.retries.noneGivenUp();
	}

	/**
	 * Return a future that completes when the cache has been hydrated for the first time:
	 * every id of the first full list has been fetched, found gone or given up after its
	 * retries. Items that keep failing do not hold it up: they have been reported through
	 * to the owning socket's listeners ({@code onError}), are retried in the background and keep
	 * {@link #isSynced()} {@code false} until fetched.
	 * @return the future; it never completes exceptionally
	 */
	public CompletableFuture<Void> initialSync() {
		return this.initialSync.copy();
	}

	/**
	 * Wait until the cache has been hydrated for the first time (see {@link #initialSync()}):
	 * this returns {@code true} once the first full list has been worked through, also when
	 * some items keep failing ({@link #isSynced()} then tells whether the cache is complete).
	 * Reads reflect the hydrated state when this returns; listener callbacks for the same items
	 * are delivered asynchronously and may still be in progress.
	 * @param timeout the maximum time to wait
	 * @return {@code true} if hydrated, {@code false} on timeout (e.g. Pieces OS away)
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitInitialSync(Duration timeout) throws InterruptedException {
		try {
			this.initialSync.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Apply the authoritative id list received as first frame after a connect.
	 * @param events the complete list of existing ids
	 */
	void applyAuthoritative(Collection<IdentifierEvent> events) {
		synchronized (this.lock) {
			Map<String, IdentifierEvent> present = new HashMap<>();
			for (IdentifierEvent event : events) {
				if (!event.deleted()) {
					present.put(event.id(), event);
				}
			}
			for (Iterator<Map.Entry<String, T>> it = this.items.entrySet().iterator(); it.hasNext();) {
				Map.Entry<String, T> entry = it.next();
				if (!present.containsKey(entry.getKey())) {
					it.remove();
					this.snapshot = null;
					T removed = entry.getValue();
					notifyLocked(() -> this.listener.onRemove(removed));
				}
			}
			for (Iterator<String> it = this.pending.keySet().iterator(); it.hasNext();) {
				String id = it.next();
				if (!present.containsKey(id)) {
					it.remove();
					this.queue.remove(id);
					this.retries.forget(id);
				}
			}
			this.syncPending.clear();
			this.syncing = true;
			this.synced = false;
			this.syncStartedAt = Instant.now();
			for (IdentifierEvent event : present.values()) {
				T cached = this.items.get(event.id());
				if (cached != null && event.updated() != null && event.updated().equals(updatedOf(cached))) {
					// the cached version is the current one: nothing to fetch, not even a
					// fetch that kept failing for an update this version already contains
					forgetLocked(event.id());
					continue;
				}
				this.syncPending.add(event.id());
				requestFetchLocked(event.id());
			}
			checkSyncedLocked();
			pumpLocked();
		}
	}

	/**
	 * Apply a delta frame: remove deleted ids, (re-)fetch the others.
	 * @param events the changed ids
	 */
	void applyDelta(Collection<IdentifierEvent> events) {
		synchronized (this.lock) {
			for (IdentifierEvent event : events) {
				if (event.deleted()) {
					removeLocked(event.id());
				}
				else {
					requestFetchLocked(event.id());
				}
			}
			checkSyncedLocked();
			pumpLocked();
		}
	}

	/**
	 * Record that the owning stream disconnected: the cache is no longer known to be in
	 * sync until the next authoritative list has been applied, and fetching pauses until
	 * {@link #resume()} (Pieces OS is most likely away, and the full list after the next
	 * connect re-plans the fetches anyway). Cached items stay readable.
	 */
	void connectionLost() {
		synchronized (this.lock) {
			this.synced = false;
			this.syncing = false;
			this.syncPending.clear();
			this.paused = true;
		}
	}

	/**
	 * Stop starting fetches: running fetches complete but store nothing (their ids are queued
	 * again), queued ids stay queued until {@link #resume()}. Called when the owning socket is closed, so that no worker keeps
	 * hydrating after its manager was closed.
	 */
	void pause() {
		synchronized (this.lock) {
			this.paused = true;
		}
	}

	/**
	 * Start fetching again after {@link #pause()}, and restart fetches that could not be
	 * started because the worker pool was unavailable (e.g. after the owning manager was
	 * restarted).
	 */
	void resume() {
		synchronized (this.lock) {
			this.paused = false;
			this.outage = false;
			pumpLocked();
		}
	}

	/**
	 * Change the retry timings (tests use short ones).
	 * @param retryBackOff the backoff of the quick retries of a failed fetch
	 * @param slowRetryInterval how often an id is fetched again once its quick retries ran out
	 * @param outageProbeInterval how long fetches wait after Pieces OS was unreachable before
	 * one is tried again (unless the owning socket resumes them earlier)
	 * @param summaryDelay how long give-ups are collected into one log line
	 */
	void retryTimings(BackOff retryBackOff, Duration slowRetryInterval, Duration outageProbeInterval,
			Duration summaryDelay) {
		synchronized (this.lock) {
			this.retries.timings(retryBackOff, slowRetryInterval, outageProbeInterval, summaryDelay);
		}
	}

	private void requestFetchLocked(String id) {
		// a new event gives the id a fresh retry budget
		this.pending.put(id, ++this.generation);
		this.retries.forget(id);
		if (!this.inFlight.contains(id)) {
			this.queue.add(id);
		}
	}

	private void removeLocked(String id) {
		forgetLocked(id);
		this.syncPending.remove(id);
		T removed = this.items.remove(id);
		if (removed != null) {
			this.snapshot = null;
			notifyLocked(() -> this.listener.onRemove(removed));
		}
	}

	/** Drop every fetch plan of an id: no fetch, retry or give-up is left for it. */
	private void forgetLocked(String id) {
		this.pending.remove(id);
		this.queue.remove(id);
		this.retries.forget(id);
	}

	/**
	 * Finish the hydration of the current full list once none of its ids waits for a fetch
	 * any more (given-up ids included: they keep {@link #isSynced()} false through
	 * the retries, not through {@link #syncPending}).
	 */
	private void checkSyncedLocked() {
		if (this.syncing && this.syncPending.isEmpty()) {
			this.syncing = false;
			this.synced = true;
			Duration took = Duration.between(this.syncStartedAt, Instant.now());
			int size = this.items.size();
			int failing = this.retries.givenUpCount();
			if (logger.isDebugEnabled()) {
				logger.debug("The " + this.name + " cache is hydrated: " + size + " item(s) in " + took.toMillis() + "ms"
						+ ((failing > 0) ? ", " + failing + " item(s) failing (not in sync until fetched)" : ""));
			}
			notifyLocked(() -> this.listener.onSynced(took, size));
			this.initialSync.complete(null);
		}
	}

	private void pumpLocked() {
		while (!this.paused && !this.outage && this.activeWorkers < this.concurrency && !this.queue.isEmpty()) {
			this.activeWorkers++;
			try {
				this.workers.execute(this::work);
			}
			catch (RejectedExecutionException ex) {
				this.activeWorkers--;
				if (logger.isDebugEnabled()) {
					logger.debug("Fetches of the " + this.name + " cache are paused: no worker pool");
				}
				return;
			}
		}
	}

	private void work() {
		while (true) {
			String id;
			long generation;
			synchronized (this.lock) {
				Iterator<String> it = this.queue.iterator();
				if (this.paused || this.outage || !it.hasNext()) {
					this.activeWorkers--;
					return;
				}
				id = it.next();
				it.remove();
				Long current = this.pending.get(id);
				if (current == null) {
					continue;
				}
				generation = current;
				this.inFlight.add(id);
			}
			fetchAndApply(id, generation);
		}
	}

	private void fetchAndApply(String id, long generation) {
		T item = null;
		boolean gone = false;
		RuntimeException failure = null;
		try {
			item = this.source.fetch(id);
		}
		catch (RuntimeException ex) {
			if (ex instanceof PiecesNotFoundException || ex instanceof PiecesGoneException) {
				gone = true;
			}
			else {
				failure = ex;
			}
		}
		synchronized (this.lock) {
			this.inFlight.remove(id);
			Long current = this.pending.get(id);
			if (current == null) {
				// deleted or purged while the fetch was in flight: the deletion wins
				return;
			}
			if (this.paused) {
				// closed or disconnected meanwhile: a callback might no longer be delivered (and a
				// later re-fetch of the same version would fire none), so store nothing and fetch
				// again after resume()
				this.queue.add(id);
				return;
			}
			if (current != generation) {
				// a newer event arrived meanwhile: fetch again for the newest version
				this.queue.add(id);
				return;
			}
			if (failure != null && PiecesStatus.isOutage(failure)) {
				// Pieces OS is away or not OK: not this item's fault, so no retry is used up
				this.queue.add(id);
				outageLocked(failure);
				return;
			}
			if (failure != null) {
				scheduleRetryLocked(id, generation, failure);
				return;
			}
			this.pending.remove(id);
			this.retries.forget(id);
			if (gone || item == null) {
				removeLocked(id);
			}
			else {
				T stored = item;
				T previous = this.items.put(id, stored);
				this.snapshot = null;
				if (isChange(previous, stored)) {
					notifyLocked(() -> this.listener.onUpdate(stored));
				}
			}
			this.syncPending.remove(id);
			checkSyncedLocked();
		}
	}

	/**
	 * Whether a fetched item is new or changed. A re-fetch after a reconnect that returns
	 * the same version (same non-null update time) is stored silently, so a resync does not
	 * replay an update callback for every unchanged item.
	 */
	private boolean isChange(@Nullable T previous, T current) {
		if (previous == null) {
			return true;
		}
		Instant before = updatedOf(previous);
		Instant after = updatedOf(current);
		return before == null || after == null || !before.equals(after);
	}

	/**
	 * Retry a failed fetch: quickly with backoff at first; once that runs out, report the
	 * failure once and keep retrying the id slowly. A given-up id no longer holds up the
	 * hydration of the current full list, but it stays pending and keeps {@link #isSynced()}
	 * false until it is fetched or found gone.
	 */
	private void scheduleRetryLocked(String id, long generation, RuntimeException failure) {
		FetchRetries.Next next = this.retries.next(id);
		if (next.givenUpNow()) {
			givenUpLocked(failure);
			notifyLocked(() -> this.listener.onError(id, failure));
			scheduleFetchLocked(id, generation, next.delay());
			this.syncPending.remove(id);
			checkSyncedLocked();
			return;
		}
		if (!next.slow() && logger.isDebugEnabled()) {
			logger.debug("Fetching an item of the " + this.name + " cache failed (" + failure + "), retrying in "
					+ next.delay().toMillis() + "ms");
		}
		scheduleFetchLocked(id, generation, next.delay());
	}

	private void scheduleFetchLocked(String id, long generation, Duration delay) {
		try {
			this.delayer.schedule(() -> retry(id, generation), delay);
		}
		catch (RejectedExecutionException ex) {
			// no timer any more (the manager is closed): keep the id queued until resume()
			this.queue.add(id);
			this.paused = true;
		}
	}

	/**
	 * Hold all fetches after Pieces OS was unreachable or not OK: the owning socket resumes
	 * them when it reconnects; a probe a little later lets a few fetches
	 * try again (in case only REST failed, or Pieces OS became OK while the socket stayed
	 * connected).
	 */
	private void outageLocked(RuntimeException failure) {
		if (this.outage) {
			return;
		}
		this.outage = true;
		if (logger.isDebugEnabled()) {
			String reason = (failure instanceof PiecesApiException api)
					? "Pieces OS answers " + api.getStatusCode() : "Pieces OS is unreachable";
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

	/**
	 * Count a give-up for the next summary line: one WARN line per batch of give-ups, not
	 * one per id.
	 */
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

	private void retry(String id, long generation) {
		synchronized (this.lock) {
			Long current = this.pending.get(id);
			if (current != null && current == generation && !this.inFlight.contains(id)) {
				this.queue.add(id);
				pumpLocked();
			}
		}
	}

	private void notifyLocked(Runnable callback) {
		try {
			this.callbacks.execute(callback);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Dropped a callback of the " + this.name + " cache", ex);
		}
	}

	@Override
	public String toString() {
		return "IdentifierCache[" + this.name + ", size=" + size() + ", synced=" + isSynced() + "]";
	}

	/**
	 * Where the items come from: a fetch over REST, and the id and update time of an item.
	 *
	 * @param <T> the item type
	 */
	interface Source<T> {

		/**
		 * Fetch the current version of an item.
		 * @throws app.pieces.client.PiecesNotFoundException or {@link PiecesGoneException} if it no longer exists
		 */
		T fetch(String id);

		String idOf(T item);

		@Nullable Instant updatedOf(T item);

	}

}
