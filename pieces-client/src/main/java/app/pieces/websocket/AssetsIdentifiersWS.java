package app.pieces.websocket;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

import app.pieces.model.Asset;
import app.pieces.model.StreamedIdentifiers;

/**
 * The assets identifier stream ({@code /assets/stream/identifiers}) with its self-healing
 * {@link IdentifierCache}. Listeners that implement {@link AssetsListener} receive
 * {@code onAssetUpdate}/{@code onAssetRemove}; every listener receives the raw frames.
 *
 * @author Pieces starter team
 */
public final class AssetsIdentifiersWS extends IdentifiersWebsocket<Asset> {

	/**
	 * Create an assets socket with the Python SDK's callbacks.
	 * @param manager the manager
	 * @param onAssetUpdate called when an asset is stored, or {@code null}
	 * @param onAssetRemove called when an asset is removed, or {@code null}
	 * @param onOpen called after each connect, or {@code null}
	 * @param onError called on errors, or {@code null}
	 * @param onClose called when a connection ends, or {@code null}
	 */
	public AssetsIdentifiersWS(PiecesWebsocketManager manager, @Nullable Consumer<? super Asset> onAssetUpdate,
			@Nullable Consumer<? super Asset> onAssetRemove, @Nullable Runnable onOpen,
			@Nullable Consumer<? super Throwable> onError, @Nullable Consumer<? super CloseStatus> onClose) {
		this(manager, AssetsListener.of(onAssetUpdate, onAssetRemove, onOpen, onError, onClose));
	}

	/**
	 * Create an assets socket.
	 * @param manager the manager
	 * @param listener the seed listener, or {@code null}
	 */
	public AssetsIdentifiersWS(PiecesWebsocketManager manager,
			@Nullable WebsocketListener<? super StreamedIdentifiers> listener) {
		super(manager, IdentifierStream.ASSETS, listener);
		// what this client writes is in the cache before the write returns
		manager.client().assets().addListener(cacheWrites());
	}

}
