package app.pieces.boot.event;

import app.pieces.websocket.PiecesStream;

import org.springframework.context.ApplicationEvent;

/**
 * Base class of every application event about Pieces OS.
 * <p>
 * The events are published by {@link PiecesEventBridge} alongside the callbacks registered
 * directly on the websockets: both see the same frames. {@code @EventListener} methods run
 * one event at a time and in the order in which the websockets reported them, on the
 * websocket manager's workers but never on a websocket's own I/O or delivery thread: a slow
 * listener delays later events but never stalls a socket, its callbacks or the caches.
 * Listeners that do slow work should hand it off (for example with {@code @Async}). No
 * event is published once the application context is closing.
 *
 * @since 0.1.0
 */
public abstract class PiecesEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final PiecesStream stream;

	/**
	 * Create a new event.
	 * @param source the websocket or cache that caused the event
	 * @param stream the stream the event is about
	 */
	protected PiecesEvent(Object source, PiecesStream stream) {
		super(source);
		this.stream = stream;
	}

	/**
	 * Return the stream this event is about.
	 * @return the stream
	 */
	public PiecesStream getStream() {
		return this.stream;
	}

	/**
	 * Describe the event for {@link #toString()}; must never include personal data.
	 * @return extra details, or an empty string
	 */
	protected String describe() {
		return "";
	}

	@Override
	public String toString() {
		String details = describe();
		return getClass().getSimpleName() + "[stream=" + this.stream.tag() + (details.isEmpty() ? "" : ", " + details)
				+ "]";
	}

}
