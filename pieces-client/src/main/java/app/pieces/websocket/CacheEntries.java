package app.pieces.websocket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The state of a {@link DefaultIdentifierCache}: one {@link CacheEntry} per id in one map, the fetch queue, the
 * sync of the current full list, and the callbacks each change fires. It decides what a change means (stored,
 * removed, unchanged, in sync) and nothing about threads or I/O, which stay with the cache. Not thread-safe:
 * the owning cache calls it holding its lock; only {@link #get}, {@link #ids}, {@link #size},
 * {@link #isSynced} and {@link #initialSync} may be called without it.
 *
 * @param <T> the item type
 */
final class CacheEntries<T> {

	private static final Log logger = LogFactory.getLog(IdentifierCache.class);

	/** A full list reads the whole collection when at least one in this many of its items needs fetching. */
	private static final int BULK_SHARE = 8;

	private final String name;

	private final CacheSource<T> source;

	private final Executor callbacks;

	private final CacheListener<T> listener;

	private final Map<String, CacheEntry<T>> entries = new ConcurrentHashMap<>();

	private final ArrayDeque<CacheEntry<T>> queue = new ArrayDeque<>();

	private long generation;

	private @Nullable Sync sync;

	private @Nullable List<T> snapshot;

	private volatile int size;

	private volatile int givenUp;

	private volatile boolean synced;

	private final CompletableFuture<Void> initialSync = new CompletableFuture<>();

	CacheEntries(String name, CacheSource<T> source, Executor callbacks, CacheListener<T> listener) {
		this.name = name;
		this.source = source;
		this.callbacks = callbacks;
		this.listener = listener;
	}

	Optional<T> get(String id) {
		CacheEntry<T> entry = this.entries.get(id);
		return Optional.ofNullable((entry != null) ? entry.item : null);
	}

	Set<String> ids() {
		return this.entries.values().stream().filter((entry) -> entry.item != null).map((entry) -> entry.id)
			.collect(Collectors.toUnmodifiableSet());
	}

	int size() {
		return this.size;
	}

	boolean isSynced() {
		return this.synced && this.givenUp == 0;
	}

	CompletableFuture<Void> initialSync() {
		return this.initialSync.copy();
	}

	List<T> snapshot() {
		List<T> snapshot = this.snapshot;
		if (snapshot == null) {
			List<T> sorted = new ArrayList<>(this.size);
			for (CacheEntry<T> entry : this.entries.values()) {
				T item = entry.item;
				if (item != null) {
					sorted.add(item);
				}
			}
			sorted.sort(Comparator.comparing(this.source::updatedOf, Comparator.nullsLast(Comparator.reverseOrder()))
				.thenComparing(this.source::idOf));
			snapshot = List.copyOf(sorted);
			this.snapshot = snapshot;
		}
		return snapshot;
	}

	@Nullable Sync sync() {
		return this.sync;
	}

	/**
	 * Plan the sync of a full list: remove what it lacks, keep what it shows unchanged, and hold the rest for a
	 * bulk read if much of the library needs fetching (and the source can read it all), else queue it.
	 */
	void planFullList(Collection<IdentifierEvent> events) {
		Map<String, IdentifierEvent> present = new HashMap<>();
		for (IdentifierEvent event : events) {
			if (!event.deleted()) {
				present.put(event.id(), event);
			}
		}
		for (CacheEntry<T> entry : List.copyOf(this.entries.values())) {
			entry.held = false;
			entry.awaitsSync = false;
			if (!present.containsKey(entry.id)) {
				remove(entry);
			}
		}
		cancelSync();
		Sync sync = new Sync();
		this.sync = sync;
		List<CacheEntry<T>> plan = new ArrayList<>();
		for (IdentifierEvent event : present.values()) {
			CacheEntry<T> entry = this.entries.get(event.id());
			T cached = (entry != null) ? entry.item : null;
			if (entry != null && cached != null && event.updated() != null
					&& event.updated().equals(this.source.updatedOf(cached))) {
				// the cached version is the current one: nothing to fetch, not even a fetch that kept failing
				// for an update this version already contains
				entry.wanted = 0;
				resetRetries(entry);
				continue;
			}
			entry = want(event.id());
			entry.awaitsSync = true;
			sync.remaining++;
			plan.add(entry);
		}
		if (plan.size() > 1 && plan.size() * BULK_SHARE >= present.size() && this.source.supportsBulk()) {
			sync.bulkPending = true;
			sync.path = ClientEvent.SyncPath.BULK;
			plan.forEach((entry) -> entry.held = true);
		}
		else {
			plan.forEach(this::enqueue);
		}
		checkSynced();
	}

	/** Apply a delta: remove deleted ids, queue the others for a fetch. */
	void applyDelta(Collection<IdentifierEvent> events) {
		for (IdentifierEvent event : events) {
			if (event.deleted()) {
				CacheEntry<T> entry = this.entries.get(event.id());
				if (entry != null) {
					remove(entry);
				}
			}
			else {
				enqueue(want(event.id()));
			}
		}
		checkSynced();
	}

	/** The connection is gone: not in sync until the next full list, whose sync replaces the current one. */
	void disconnected() {
		this.synced = false;
		cancelSync();
	}

	/** Whether the entry is still the one of its id: a removal takes it out of the map. */
	boolean isCurrent(CacheEntry<T> entry) {
		return this.entries.get(entry.id) == entry;
	}

	/** Give an id a fetch for a new event: a newer generation, and a fresh retry budget. */
	private CacheEntry<T> want(String id) {
		CacheEntry<T> entry = this.entries.computeIfAbsent(id, CacheEntry::new);
		entry.wanted = ++this.generation;
		entry.held = false;
		resetRetries(entry);
		return entry;
	}

	void enqueue(CacheEntry<T> entry) {
		if (!entry.queued && !entry.inFlight) {
			entry.queued = true;
			this.queue.add(entry);
		}
	}

	boolean hasQueued() {
		return !this.queue.isEmpty();
	}

	/** Take the next entry to fetch, or {@code null}. */
	@Nullable CacheEntry<T> poll() {
		CacheEntry<T> entry = this.queue.poll();
		if (entry != null) {
			entry.queued = false;
		}
		return entry;
	}

	void remove(CacheEntry<T> entry) {
		this.entries.remove(entry.id, entry);
		entry.wanted = 0;
		resetRetries(entry);
		finishSyncOf(entry);
		T removed = entry.item;
		if (removed != null) {
			entry.item = null;
			this.size--;
			this.snapshot = null;
			notify(() -> this.listener.onRemove(removed));
		}
	}

	/**
	 * Store a fetched version. A version with the same non-null update time as the stored one is kept silently,
	 * so a resync does not replay an update callback for every unchanged item.
	 */
	void store(CacheEntry<T> entry, T item) {
		entry.wanted = 0;
		entry.held = false;
		resetRetries(entry);
		finishSyncOf(entry);
		T previous = entry.item;
		if (previous == null || isChange(previous, item)) {
			entry.item = item;
			if (previous == null) {
				this.size++;
			}
			this.snapshot = null;
			notify(() -> this.listener.onUpdate(item));
		}
	}

	/**
	 * Store an item of the running bulk read if its entry still waits for that read. An id the list does not
	 * name (created after it: its delta fetches it), one deleted meanwhile (the deletion wins) or changed again
	 * since the read started (a new event clears {@link CacheEntry#held}; its per-id fetch wins) is left alone.
	 */
	void storeFromBulk(T item) {
		CacheEntry<T> entry = this.entries.get(this.source.idOf(item));
		if (entry != null && entry.held && entry.isWanted()) {
			store(entry, item);
			checkSynced();
		}
	}

	/**
	 * Store a version a write of this client returned, unless the stored one is as new: a read right after the
	 * write sees it, and the stream's announcement of the same change later finds it current (nothing fires
	 * twice). A fetch still running for an older event stores its answer silently if it is this version.
	 */
	void written(T item) {
		CacheEntry<T> entry = this.entries.computeIfAbsent(this.source.idOf(item), CacheEntry::new);
		T previous = entry.item;
		if (previous != null && !isNewer(item, previous)) {
			return;
		}
		entry.item = item;
		if (previous == null) {
			this.size++;
		}
		this.snapshot = null;
		notify(() -> this.listener.onUpdate(item));
	}

	/** An item this client deleted: removed at once; the stream's announcement then finds nothing to remove. */
	void deletedByClient(String id) {
		CacheEntry<T> entry = this.entries.get(id);
		if (entry != null) {
			remove(entry);
			checkSynced();
		}
	}

	/** Whether a version is newer than the stored one; when either has no update time, it is taken as newer. */
	private boolean isNewer(T candidate, T stored) {
		Instant before = this.source.updatedOf(stored);
		Instant after = this.source.updatedOf(candidate);
		return before == null || after == null || after.isAfter(before);
	}

	private boolean isChange(T previous, T current) {
		Instant before = this.source.updatedOf(previous);
		Instant after = this.source.updatedOf(current);
		return before == null || after == null || !before.equals(after);
	}

	/**
	 * The entry's quick retries ran out: report it once; it no longer holds up the sync but keeps the cache out
	 * of sync until fetched or found gone.
	 */
	void giveUp(CacheEntry<T> entry, RuntimeException failure) {
		entry.retries = null;
		entry.givenUp = true;
		this.givenUp++;
		finishSyncOf(entry);
		notify(() -> this.listener.onError(entry.id, failure));
	}

	/**
	 * Pieces OS refuses the entry for good (a 4xx that is not 404, 408, 410 or 429): report it once and stop
	 * fetching it; a version fetched before stays, and the entry no longer keeps the cache out of sync.
	 */
	void unfetchable(CacheEntry<T> entry, RuntimeException failure) {
		entry.wanted = 0;
		resetRetries(entry);
		finishSyncOf(entry);
		if (entry.item == null) {
			this.entries.remove(entry.id, entry);
		}
		notify(() -> this.listener.onError(entry.id, failure));
	}

	private void resetRetries(CacheEntry<T> entry) {
		entry.retries = null;
		if (entry.givenUp) {
			entry.givenUp = false;
			this.givenUp--;
		}
	}

	private void finishSyncOf(CacheEntry<T> entry) {
		if (entry.awaitsSync) {
			entry.awaitsSync = false;
			Sync sync = this.sync;
			if (sync != null) {
				sync.remaining--;
			}
		}
	}

	private void cancelSync() {
		Sync sync = this.sync;
		if (sync != null) {
			sync.cancelled = true;
			this.sync = null;
			for (CacheEntry<T> entry : this.entries.values()) {
				entry.awaitsSync = false;
			}
		}
	}

	/** Hand the entries the bulk read did not deliver to the queue; return how many. */
	int releaseHeld() {
		int released = 0;
		for (CacheEntry<T> entry : this.entries.values()) {
			if (entry.held) {
				entry.held = false;
				if (entry.isWanted()) {
					enqueue(entry);
					released++;
				}
			}
		}
		return released;
	}

	/**
	 * Finish the sync of the current full list once none of its ids waits for a fetch any more (given-up ids
	 * included: they keep {@link #isSynced()} false through their entries, not through the sync).
	 */
	void checkSynced() {
		Sync sync = this.sync;
		if (sync == null || sync.done || sync.remaining > 0) {
			return;
		}
		sync.done = true;
		this.synced = true;
		Duration took = Duration.between(sync.startedAt, Instant.now());
		int size = this.size;
		int failing = this.givenUp;
		ClientEvent.SyncPath path = sync.path;
		if (logger.isDebugEnabled()) {
			logger.debug("The " + this.name + " cache is hydrated (" + path.tag() + "): " + size + " item(s) in "
					+ took.toMillis() + "ms"
					+ ((failing > 0) ? ", " + failing + " item(s) failing (not in sync until fetched)" : ""));
		}
		notify(() -> this.listener.onSynced(took, size, path));
		this.initialSync.complete(null);
	}

	private void notify(Runnable callback) {
		try {
			this.callbacks.execute(callback);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Dropped a callback of the " + this.name + " cache", ex);
		}
	}

	/**
	 * The sync of one full list.
	 */
	static final class Sync {

		final Instant startedAt = Instant.now();

		/** Listed ids neither fetched, found gone nor given up yet. */
		int remaining;

		/** Whether the bulk read waits for a free worker. */
		boolean bulkPending;

		boolean cancelled;

		boolean done;

		ClientEvent.SyncPath path = ClientEvent.SyncPath.PER_ITEM;

	}

}
