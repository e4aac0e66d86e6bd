package app.pieces.boot.event;

import app.pieces.model.Conversation;
import app.pieces.websocket.IdentifierStream;

/**
 * Published when the conversation cache drops a conversation: it was deleted in Pieces OS, Pieces OS answered
 * 404/410 for it, or it was missing from the full list sent after a (re)connect.
 *
 * @since 0.1.0
 */
public class ConversationRemovedEvent extends ItemRemovedEvent<Conversation> {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param source the conversation cache
	 * @param conversation the last known snapshot
	 */
	public ConversationRemovedEvent(Object source, Conversation conversation) {
		super(source, IdentifierStream.CONVERSATIONS, conversation);
	}

	/**
	 * Return the conversation (the last known snapshot).
	 * @return the conversation
	 */
	public Conversation getConversation() {
		return getItem();
	}

}
