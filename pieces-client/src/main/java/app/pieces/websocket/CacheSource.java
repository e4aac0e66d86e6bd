package app.pieces.websocket;

import java.time.Instant;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Where the items of an {@link IdentifierCache} come from: a fetch over REST, optionally the whole collection,
 * and the id and update time of an item.
 *
 * @param <T> the item type
 */
interface CacheSource<T> {

	/**
	 * Fetch the current version of an item.
	 * @throws app.pieces.client.PiecesNotFoundException or {@link app.pieces.client.PiecesGoneException} if it no
	 * longer exists
	 */
	T fetch(String id);

	/**
	 * Whether {@link #fetchAll(Consumer)} can read the whole collection.
	 */
	default boolean supportsBulk() {
		return false;
	}

	/**
	 * Read the whole collection, handing each item to the action as it is decoded; an exception the action
	 * throws stops the read.
	 */
	default void fetchAll(Consumer<T> action) {
		throw new UnsupportedOperationException("no bulk read");
	}

	String idOf(T item);

	@Nullable Instant updatedOf(T item);

}
