package app.pieces.boot.integration;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import app.pieces.boot.event.PiecesEvent;
import app.pieces.boot.event.PiecesWebsocketEvent;
import app.pieces.websocket.PiecesStream;

import org.springframework.context.event.EventListener;

/**
 * Records every {@link PiecesEvent} an {@code @EventListener} receives, with its thread.
 */
class EventRecorder {

	private final List<PiecesEvent> events = new CopyOnWriteArrayList<>();

	private final Set<String> threads = ConcurrentHashMap.newKeySet();

	@EventListener
	void on(PiecesEvent event) {
		this.threads.add(Thread.currentThread().getName());
		this.events.add(event);
	}

	List<PiecesEvent> all() {
		return List.copyOf(this.events);
	}

	<E extends PiecesEvent> List<E> of(Class<E> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<E extends PiecesWebsocketEvent> List<E> of(Class<E> type, PiecesStream stream) {
		return of(type).stream().filter((event) -> event.getStream() == stream).toList();
	}

	Set<String> threads() {
		return Set.copyOf(this.threads);
	}

	void clear() {
		this.events.clear();
	}

}
