package app.pieces.boot.event;

import app.pieces.websocket.IdentifierStream;

/**
 * Published when an identifier stream's cache stores a new or changed item, fetched from Pieces OS after the
 * stream announced it: an anchor, a range, a workstream summary, or (as {@link AssetUpdatedEvent} and
 * {@link ConversationUpdatedEvent}) an asset or a conversation. Listen to one stream by its item type:
 * {@code @EventListener void on(ItemUpdatedEvent<Anchor> event)}.
 *
 * @param <T> the item type
 * @since 0.1.0
 */
public class ItemUpdatedEvent<T> extends PiecesItemEvent<T> {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param source the cache
	 * @param descriptor the identifier stream the item belongs to
	 * @param item the fetched snapshot
	 */
	public ItemUpdatedEvent(Object source, IdentifierStream<T> descriptor, T item) {
		super(source, descriptor, item);
	}

}
