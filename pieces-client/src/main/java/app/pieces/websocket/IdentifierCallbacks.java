package app.pieces.websocket;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

import app.pieces.model.StreamedIdentifiers;

/**
 * The optional callbacks behind {@link AssetsListener#of}, {@link ConversationsListener#of} and {@link IdentifiersListener#of}: each stream's
 * listener type only maps its update and remove methods onto {@link #updated} and {@link #removed}.
 *
 * @param <T> the item type
 */
abstract class IdentifierCallbacks<T> implements WebsocketListener<StreamedIdentifiers> {

	private final @Nullable Consumer<? super T> onUpdate;

	private final @Nullable Consumer<? super T> onRemove;

	private final WebsocketListener<StreamedIdentifiers> common;

	IdentifierCallbacks(@Nullable Consumer<? super T> onUpdate, @Nullable Consumer<? super T> onRemove,
			@Nullable Runnable onOpen, @Nullable Consumer<? super Throwable> onError,
			@Nullable Consumer<? super CloseStatus> onClose) {
		this.onUpdate = onUpdate;
		this.onRemove = onRemove;
		this.common = WebsocketListener.of(null, onOpen, onError, onClose);
	}

	final void updated(T item) {
		if (this.onUpdate != null) {
			this.onUpdate.accept(item);
		}
	}

	final void removed(T item) {
		if (this.onRemove != null) {
			this.onRemove.accept(item);
		}
	}

	@Override
	public void onOpen() {
		this.common.onOpen();
	}

	@Override
	public void onError(Throwable error) {
		this.common.onError(error);
	}

	@Override
	public void onClose(CloseStatus status) {
		this.common.onClose(status);
	}

}
