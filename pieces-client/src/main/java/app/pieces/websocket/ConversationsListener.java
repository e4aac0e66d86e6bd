package app.pieces.websocket;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

import app.pieces.model.Conversation;

/**
 * Listener of a {@link ConversationWS}: the common callbacks plus cache changes.
 * {@code onMessage} receives each raw identifier frame.
 *
 * @author Pieces starter team
 */
public interface ConversationsListener extends IdentifiersListener<Conversation> {

	/**
	 * A conversation was fetched and stored in the cache (created or changed).
	 * @param conversation the conversation
	 */
	default void onConversationUpdate(Conversation conversation) {
	}

	/**
	 * A cached conversation was removed (deleted, gone, or missing from the full list after a
	 * connect). Never called for an id that was not cached.
	 * @param conversation the last known version of the conversation
	 */
	default void onConversationRemove(Conversation conversation) {
	}

	/**
	 * Calls {@link #onConversationUpdate}: the socket tells every listener of an identifier stream through
	 * {@link IdentifiersListener}.
	 * @param conversation the conversation
	 */
	@Override
	default void onItemUpdate(Conversation conversation) {
		onConversationUpdate(conversation);
	}

	/**
	 * Calls {@link #onConversationRemove}.
	 * @param conversation the conversation
	 */
	@Override
	default void onItemRemove(Conversation conversation) {
		onConversationRemove(conversation);
	}

	/**
	 * Create a listener from optional callbacks, in the Python SDK's order.
	 * @param onConversationUpdate called when a conversation is stored, or {@code null}
	 * @param onConversationRemove called when a conversation is removed, or {@code null}
	 * @param onOpen called after each connect, or {@code null}
	 * @param onError called on errors, or {@code null}
	 * @param onClose called when a connection ends, or {@code null}
	 * @return a listener
	 */
	static ConversationsListener of(@Nullable Consumer<? super Conversation> onConversationUpdate,
			@Nullable Consumer<? super Conversation> onConversationRemove, @Nullable Runnable onOpen,
			@Nullable Consumer<? super Throwable> onError, @Nullable Consumer<? super CloseStatus> onClose) {
		final class Callbacks extends IdentifierCallbacks<Conversation> implements ConversationsListener {

			Callbacks() {
				super(onConversationUpdate, onConversationRemove, onOpen, onError, onClose);
			}

			@Override
			public void onConversationUpdate(Conversation conversation) {
				updated(conversation);
			}

			@Override
			public void onConversationRemove(Conversation conversation) {
				removed(conversation);
			}

		}
		return new Callbacks();
	}

}
