package app.pieces.websocket;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * The {@code request} ids one {@link AskStreamWS} has seen go out: ids of the questions and stop frames sent
 * on it, and ids its copilots claimed. Bounded: the least recently used id is forgotten once more than
 * {@link #CAPACITY} are known; sending or claiming an id again makes it recent again.
 * <p>
 * Thread-safe.
 *
 * @author Pieces starter team
 */
final class RequestIds {

	/**
	 * How many request ids a socket remembers.
	 */
	static final int CAPACITY = 4096;

	private final Object lock = new Object();

	// guarded by lock; access order: the eldest entry is the least recently sent or claimed id
	private final Map<String, Boolean> ids;

	RequestIds() {
		this(CAPACITY);
	}

	RequestIds(int capacity) {
		Assert.isTrue(capacity > 0, "'capacity' must be positive");
		this.ids = new LinkedHashMap<>(64, 0.75f, true) {

			private static final long serialVersionUID = 1L;

			@Override
			public boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * Remember an id that was sent (again).
	 * @param requestId the id
	 */
	void sent(String requestId) {
		synchronized (this.lock) {
			this.ids.put(requestId, Boolean.TRUE);
		}
	}

	/**
	 * Claim an id unless it is known already.
	 * @param requestId the id
	 * @return {@code true} if this call claimed it, {@code false} if it was sent or claimed before (it is then
	 * made recent again)
	 */
	boolean claim(String requestId) {
		synchronized (this.lock) {
			return this.ids.putIfAbsent(requestId, Boolean.TRUE) == null;
		}
	}

	/**
	 * Return how many ids are remembered.
	 * @return the number of ids
	 */
	int size() {
		synchronized (this.lock) {
			return this.ids.size();
		}
	}

}
