package app.pieces.websocket;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

import app.pieces.model.StreamedIdentifiers;

/**
 * Listener of an identifier stream created with {@link PiecesWebsocketManager#identifiers}: the common callbacks
 * plus the changes of the stream's cache, typed as the stream's items (anchors, ranges, workstream summaries).
 * {@code onMessage} receives each raw identifier frame. {@link AssetsListener} and {@link ConversationsListener}
 * are identifier listeners that name these callbacks as the Python SDK does ({@code onAssetUpdate}, ...).
 * <p>
 * Register it on the socket of its own stream: the socket hands it its items unchecked, so an
 * {@code IdentifiersListener<Range>} added to the anchors socket fails with a {@link ClassCastException} in its
 * callback (reported like any other listener failure).
 *
 * @param <T> the item type
 * @author Pieces starter team
 */
public interface IdentifiersListener<T> extends WebsocketListener<StreamedIdentifiers> {

	/**
	 * An item was fetched and stored in the cache (created or changed).
	 * @param item the item
	 */
	default void onItemUpdate(T item) {
	}

	/**
	 * A cached item was removed (deleted, gone, or missing from the full list after a connect). Never called for
	 * an id that was not cached.
	 * @param item the last known version of the item
	 */
	default void onItemRemove(T item) {
	}

	/**
	 * Create a listener from optional callbacks, in the Python SDK's order.
	 * @param <T> the item type
	 * @param onUpdate called when an item is stored, or {@code null}
	 * @param onRemove called when an item is removed, or {@code null}
	 * @param onOpen called after each connect, or {@code null}
	 * @param onError called on errors, or {@code null}
	 * @param onClose called when a connection ends, or {@code null}
	 * @return a listener
	 */
	static <T> IdentifiersListener<T> of(@Nullable Consumer<? super T> onUpdate,
			@Nullable Consumer<? super T> onRemove, @Nullable Runnable onOpen,
			@Nullable Consumer<? super Throwable> onError, @Nullable Consumer<? super CloseStatus> onClose) {
		final class Callbacks extends IdentifierCallbacks<T> implements IdentifiersListener<T> {

			Callbacks() {
				super(onUpdate, onRemove, onOpen, onError, onClose);
			}

			@Override
			public void onItemUpdate(T item) {
				updated(item);
			}

			@Override
			public void onItemRemove(T item) {
				removed(item);
			}

		}
		return new Callbacks();
	}

}
