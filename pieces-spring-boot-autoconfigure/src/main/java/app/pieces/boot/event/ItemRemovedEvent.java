package app.pieces.boot.event;

import app.pieces.websocket.IdentifierStream;

/**
 * Published when an identifier stream's cache drops an item: it was deleted in Pieces OS, Pieces OS answered
 * 404/410 for it, or it was missing from the full list sent after a (re)connect. Assets and conversations come
 * as {@link AssetRemovedEvent} and {@link ConversationRemovedEvent}. Listen to one stream by its item type:
 * {@code @EventListener void on(ItemRemovedEvent<Range> event)}.
 *
 * @param <T> the item type
 * @since 0.1.0
 */
public class ItemRemovedEvent<T> extends PiecesItemEvent<T> {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param source the cache
	 * @param descriptor the identifier stream the item belongs to
	 * @param item the last known snapshot
	 */
	public ItemRemovedEvent(Object source, IdentifierStream<T> descriptor, T item) {
		super(source, descriptor, item);
	}

}
