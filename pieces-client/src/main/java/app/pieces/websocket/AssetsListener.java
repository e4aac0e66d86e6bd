package app.pieces.websocket;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

import app.pieces.model.Asset;

/**
 * Listener of an {@link AssetsIdentifiersWS}: the common callbacks plus cache changes.
 * {@code onMessage} receives each raw identifier frame.
 *
 * @author Pieces starter team
 */
public interface AssetsListener extends IdentifiersListener<Asset> {

	/**
	 * An asset was fetched and stored in the cache (created or changed).
	 * @param asset the asset
	 */
	default void onAssetUpdate(Asset asset) {
	}

	/**
	 * A cached asset was removed (deleted, gone, or missing from the full list after a
	 * connect). Never called for an id that was not cached.
	 * @param asset the last known version of the asset
	 */
	default void onAssetRemove(Asset asset) {
	}

	/**
	 * Calls {@link #onAssetUpdate}: the socket tells every listener of an identifier stream through
	 * {@link IdentifiersListener}.
	 * @param asset the asset
	 */
	@Override
	default void onItemUpdate(Asset asset) {
		onAssetUpdate(asset);
	}

	/**
	 * Calls {@link #onAssetRemove}.
	 * @param asset the asset
	 */
	@Override
	default void onItemRemove(Asset asset) {
		onAssetRemove(asset);
	}

	/**
	 * Create a listener from optional callbacks, in the Python SDK's order.
	 * @param onAssetUpdate called when an asset is stored, or {@code null}
	 * @param onAssetRemove called when an asset is removed, or {@code null}
	 * @param onOpen called after each connect, or {@code null}
	 * @param onError called on errors, or {@code null}
	 * @param onClose called when a connection ends, or {@code null}
	 * @return a listener
	 */
	static AssetsListener of(@Nullable Consumer<? super Asset> onAssetUpdate,
			@Nullable Consumer<? super Asset> onAssetRemove, @Nullable Runnable onOpen,
			@Nullable Consumer<? super Throwable> onError, @Nullable Consumer<? super CloseStatus> onClose) {
		final class Callbacks extends IdentifierCallbacks<Asset> implements AssetsListener {

			Callbacks() {
				super(onAssetUpdate, onAssetRemove, onOpen, onError, onClose);
			}

			@Override
			public void onAssetUpdate(Asset asset) {
				updated(asset);
			}

			@Override
			public void onAssetRemove(Asset asset) {
				removed(asset);
			}

		}
		return new Callbacks();
	}

}
