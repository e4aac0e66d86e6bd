package app.pieces.websocket;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

import app.pieces.model.Conversation;
import app.pieces.model.StreamedIdentifiers;

/**
 * The conversations identifier stream ({@code /conversations/stream/identifiers}) with its self-healing
 * {@link IdentifierCache}. Listeners that implement {@link ConversationsListener} receive
 * {@code onConversationUpdate}/{@code onConversationRemove}; every listener receives the raw frames.
 *
 * @author Pieces starter team
 */
public final class ConversationWS extends IdentifiersWebsocket<Conversation> {

	/**
	 * Create a conversations socket with the Python SDK's callbacks.
	 * @param manager the manager
	 * @param onConversationUpdate called when a conversation is stored, or {@code null}
	 * @param onConversationRemove called when a conversation is removed, or {@code null}
	 * @param onOpen called after each connect, or {@code null}
	 * @param onError called on errors, or {@code null}
	 * @param onClose called when a connection ends, or {@code null}
	 */
	public ConversationWS(PiecesWebsocketManager manager, @Nullable Consumer<? super Conversation> onConversationUpdate,
			@Nullable Consumer<? super Conversation> onConversationRemove, @Nullable Runnable onOpen,
			@Nullable Consumer<? super Throwable> onError, @Nullable Consumer<? super CloseStatus> onClose) {
		this(manager, ConversationsListener.of(onConversationUpdate, onConversationRemove, onOpen, onError, onClose));
	}

	/**
	 * Create a conversations socket.
	 * @param manager the manager
	 * @param listener the seed listener, or {@code null}
	 */
	public ConversationWS(PiecesWebsocketManager manager,
			@Nullable WebsocketListener<? super StreamedIdentifiers> listener) {
		super(manager, IdentifierStream.CONVERSATIONS, listener);
		// what this client writes is in the cache before the write returns
		manager.client().conversations().addListener(cacheWrites());
	}

}
