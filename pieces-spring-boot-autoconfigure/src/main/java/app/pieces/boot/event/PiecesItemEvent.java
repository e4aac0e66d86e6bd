package app.pieces.boot.event;

import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

import app.pieces.websocket.IdentifierStream;

/**
 * Base class of the events about one item of an identifier stream's cache. It tells Spring its item type, so
 * that {@code @EventListener void on(ItemUpdatedEvent<Anchor> event)} receives anchors only.
 *
 * @param <T> the item type
 * @since 0.1.0
 */
public abstract class PiecesItemEvent<T> extends PiecesEvent implements ResolvableTypeProvider {

	private static final long serialVersionUID = 1L;

	private final transient IdentifierStream<T> descriptor;

	private final transient T item;

	/**
	 * Create a new event.
	 * @param source the cache
	 * @param descriptor the identifier stream the item belongs to
	 * @param item the item
	 */
	protected PiecesItemEvent(Object source, IdentifierStream<T> descriptor, T item) {
		super(source, descriptor.stream());
		this.descriptor = descriptor;
		this.item = item;
	}

	/**
	 * Return the item.
	 * @return the item
	 */
	public T getItem() {
		return this.item;
	}

	/**
	 * Return the identifier stream the item belongs to.
	 * @return the stream's descriptor
	 */
	public IdentifierStream<T> getDescriptor() {
		return this.descriptor;
	}

	@Override
	public ResolvableType getResolvableType() {
		// the generic event classes carry their item type; subclasses such as AssetUpdatedEvent fix it themselves
		return (getClass().getTypeParameters().length == 1)
				? ResolvableType.forClassWithGenerics(getClass(), this.descriptor.itemType())
				: ResolvableType.forClass(getClass());
	}

	@Override
	protected String describe() {
		return "id=" + this.descriptor.idOf(this.item);
	}

}
