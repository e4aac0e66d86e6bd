package app.pieces.cache;

import java.util.Collection;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * The feeding side of one {@link IdentifierCache}: what its identifier stream tells it (the
 * full id list after each connect, deltas, a lost connection) and when to pause and resume
 * its fetches. Whoever creates a cache passes a new feed to its constructor and keeps the
 * feed; the cache itself only offers reads and listeners, so application code that gets a
 * cache (from {@code AssetsIdentifiersWS.cache()} or as a Spring bean) cannot change it, e.g.
 * empty it with an empty "full list". Not thread-safe for attaching; the feeding methods may
 * be called from any thread.
 *
 * @author Pieces starter team
 */
public final class CacheFeed {

	private volatile @Nullable IdentifierCache<?> cache;

	/**
	 * Create a feed, to be passed to the constructor of the cache it feeds.
	 */
	public CacheFeed() {
	}

	void attach(IdentifierCache<?> cache) {
		Assert.state(this.cache == null, "This feed already feeds a cache");
		this.cache = cache;
	}

	/**
	 * Apply the authoritative id list received as first frame after a connect: cached ids
	 * missing from it are removed (remove callbacks fire), listed ids are fetched unless
	 * cached with the same update time.
	 * @param events the complete list of existing ids
	 */
	public void applyAuthoritative(Collection<IdentifierEvent> events) {
		cache().applyAuthoritative(events);
	}

	/**
	 * Apply a delta frame: remove deleted ids, (re-)fetch the others.
	 * @param events the changed ids
	 */
	public void applyDelta(Collection<IdentifierEvent> events) {
		cache().applyDelta(events);
	}

	/**
	 * Record that the stream disconnected: the cache is out of sync and its fetches pause
	 * until {@link #resume()}.
	 */
	public void connectionLost() {
		cache().connectionLost();
	}

	/**
	 * Stop starting fetches (the owning socket was closed); see {@link #resume()}.
	 */
	public void pause() {
		cache().pause();
	}

	/**
	 * Start fetching again (the owning socket connected).
	 */
	public void resume() {
		cache().resume();
	}

	private IdentifierCache<?> cache() {
		IdentifierCache<?> current = this.cache;
		Assert.state(current != null, "This feed has not been passed to a cache yet");
		return current;
	}

}
