package app.pieces.websocket;

import java.time.Duration;

/**
 * Callbacks of an {@link IdentifierCache}. They are delivered through the executor given to
 * the cache (the owning socket's serial executor), in the order the cache applied the
 * changes. All methods have empty defaults.
 *
 * @param <T> the item type
 * @author Pieces starter team
 */
interface CacheListener<T> {

	/**
	 * An item was fetched and stored (new or changed).
	 * @param item the item
	 */
	default void onUpdate(T item) {
	}

	/**
	 * A cached item was removed.
	 * @param item the last known version of the item
	 */
	default void onRemove(T item) {
	}

	/**
	 * Fetching an item failed after all retries; the cache keeps its previous version (if
	 * any), keeps retrying the item every few seconds without reporting it again, and is not
	 * {@link IdentifierCache#isSynced() in sync} until the item is fetched or found gone.
	 * @param id the id of the item
	 * @param error the last error
	 */
	default void onError(String id, Throwable error) {
	}

	/**
	 * The authoritative list received after a connect has been hydrated: every listed id has
	 * been fetched, found gone, or given up after its retries (reported through
	 * {@link #onError(String, Throwable)} before this; such items keep
	 * {@link IdentifierCache#isSynced()} false until fetched, without a second call of this
	 * method).
	 * @param took the time since the list arrived
	 * @param size the number of cached items
	 * @param path how the items were fetched
	 */
	default void onSynced(Duration took, int size, ClientEvent.SyncPath path) {
	}

}
