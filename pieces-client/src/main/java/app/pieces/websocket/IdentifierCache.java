package app.pieces.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A self-healing cache of the objects an identifier stream announces ({@link IdentifiersWebsocket#cache()}),
 * kept equal to Pieces OS by its socket. The first frame after every connect is the authoritative list: what it
 * lacks is removed, and what needs fetching is read in one streamed request when much of the library does,
 * otherwise (and for later changes) item by item. A newer change or a deletion always wins over a late fetch;
 * failing fetches are retried, and an outage holds them until the socket reconnects. Reads never block on
 * fetches and hand out immutable values. {@code WEBSOCKETS.md} tells the whole story.
 *
 * @param <T> the cached item type
 * @author Pieces starter team
 */
public interface IdentifierCache<T> {

	/**
	 * Return the short name of this cache, e.g. {@code assets}.
	 * @return the name
	 */
	String name();

	/**
	 * Return the cached item with the given id.
	 * @param id the id
	 * @return the item, or empty if not cached (unknown, deleted, or not fetched yet)
	 */
	Optional<T> get(String id);

	/**
	 * Return an immutable snapshot of all cached items, newest update first.
	 * @return the items
	 */
	List<T> snapshot();

	/**
	 * Return the ids of all cached items.
	 * @return an immutable set of ids
	 */
	Set<String> ids();

	/**
	 * Return the number of cached items.
	 * @return the size
	 */
	int size();

	/**
	 * Return whether the cache currently equals what Pieces OS announced: true once every id of the first frame
	 * after the current connection has been fetched (or found gone) and no fetch keeps failing; false before that,
	 * after the connection is lost (the cached items stay readable), and while the fetch of any item (of the full
	 * list or of a later change) keeps failing after its retries. It turns true again when such an item is fetched
	 * or found gone.
	 * @return whether the cache is in sync
	 */
	boolean isSynced();

	/**
	 * Return a future that completes when the cache has been hydrated for the first time: every id of the first
	 * full list has been fetched, found gone or given up after its retries. Items that keep failing do not hold
	 * it up: they have been reported to the owning socket's listeners ({@code onError}), are retried in the
	 * background and keep {@link #isSynced()} {@code false} until fetched.
	 * @return a new future; it never completes exceptionally
	 */
	CompletableFuture<Void> initialSync();

	/**
	 * Wait until the cache has been hydrated for the first time (see {@link #initialSync()}): this returns
	 * {@code true} once the first full list has been worked through, also when some items keep failing
	 * ({@link #isSynced()} then tells whether the cache is complete). Reads reflect the hydrated state when this
	 * returns; listener callbacks for the same items are delivered asynchronously and may still be in progress.
	 * @param timeout the maximum time to wait
	 * @return {@code true} if hydrated, {@code false} on timeout (e.g. Pieces OS away)
	 * @throws InterruptedException if interrupted while waiting
	 */
	default boolean awaitInitialSync(Duration timeout) throws InterruptedException {
		try {
			initialSync().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
