package app.pieces.boot.event;

import app.pieces.model.Conversation;
import app.pieces.websocket.IdentifierStream;

/**
 * Published when the conversation cache stores a new or changed conversation: its snapshot was fetched from Pieces OS
 * after the conversation identifiers stream announced it.
 *
 * @since 0.1.0
 */
public class ConversationUpdatedEvent extends ItemUpdatedEvent<Conversation> {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param source the conversation cache
	 * @param conversation the fetched snapshot
	 */
	public ConversationUpdatedEvent(Object source, Conversation conversation) {
		super(source, IdentifierStream.CONVERSATIONS, conversation);
	}

	/**
	 * Return the conversation (the fetched snapshot).
	 * @return the conversation
	 */
	public Conversation getConversation() {
		return getItem();
	}

}
