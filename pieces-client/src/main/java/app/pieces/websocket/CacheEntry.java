package app.pieces.websocket;

import org.jspecify.annotations.Nullable;
import org.springframework.util.backoff.BackOffExecution;

/**
 * What an {@link IdentifierCache} knows about one id: the stored item and its fetch plan. An entry lives in the
 * cache's map while it has an item or a fetch to make; a removal takes it out of the map, so "deleted while
 * fetching" is the comparison {@code map.get(id) != entry}. All fields but {@link #item} are guarded by the
 * cache's lock; {@link #item} is volatile so that reads need no lock.
 *
 * @param <T> the item type
 */
final class CacheEntry<T> {

	final String id;

	/** The stored version, {@code null} until the first fetch. */
	volatile @Nullable T item;

	/** The generation of the latest event that asks for a fetch; 0 when the stored item is current. */
	long wanted;

	/** Whether the entry is in the fetch queue. */
	boolean queued;

	/** Whether a per-id fetch of the entry is running. */
	boolean inFlight;

	/** Whether the entry waits for the running bulk read instead of the fetch queue. */
	boolean held;

	/** Whether the entry is part of the current full list and neither fetched, found gone nor given up yet. */
	boolean awaitsSync;

	/** The quick retries of a failing fetch, {@code null} when it has not failed. */
	@Nullable BackOffExecution retries;

	/** Whether the quick retries ran out: the entry keeps the cache out of sync until it is fetched. */
	boolean givenUp;

	CacheEntry(String id) {
		this.id = id;
	}

	/** Whether a fetch is still to be made. */
	boolean isWanted() {
		return this.wanted != 0;
	}

}
