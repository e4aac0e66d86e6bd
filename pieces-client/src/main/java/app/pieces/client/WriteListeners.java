package app.pieces.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * The {@link PiecesClient.WriteListener}s of one kind of item, told in registration order on the writing thread;
 * what one throws is logged and the others are still told.
 *
 * @param <T> the item type
 */
final class WriteListeners<T> {

	private static final Log logger = LogFactory.getLog(PiecesClient.class);

	private final String kind;

	private final List<PiecesClient.WriteListener<? super T>> listeners = new CopyOnWriteArrayList<>();

	WriteListeners(String kind) {
		this.kind = kind;
	}

	void add(PiecesClient.WriteListener<? super T> listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.listeners.add(listener);
	}

	T written(T item) {
		for (PiecesClient.WriteListener<? super T> listener : this.listeners) {
			try {
				listener.written(item);
			}
			catch (RuntimeException ex) {
				logger.warn("A write listener failed on a written " + this.kind, ex);
			}
		}
		return item;
	}

	void deleted(String id) {
		for (PiecesClient.WriteListener<? super T> listener : this.listeners) {
			try {
				listener.deleted(id);
			}
			catch (RuntimeException ex) {
				logger.warn("A write listener failed on a deleted " + this.kind, ex);
			}
		}
	}

}
