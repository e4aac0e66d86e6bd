package app.pieces.boot.autoconfigure;

import java.util.List;

import app.pieces.websocket.ClientEventListener;
import app.pieces.websocket.PiecesWebsocketManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Adds every {@link ClientEventListener} bean (the event bridge, the health indicator, the meter binder and any
 * listener of the application) to the {@link PiecesWebsocketManager} once all singletons exist, before any
 * lifecycle starts. It does not depend on the {@link PiecesWebsocketLifecycle}, so an application that defines
 * its own lifecycle (or its own manager) keeps its listeners. Adding is idempotent: a listener that is already
 * registered (for example because a lifecycle was given it too) is not added twice.
 */
final class ClientEventListeners implements SmartInitializingSingleton {

	private final ObjectProvider<PiecesWebsocketManager> manager;

	private final ObjectProvider<ClientEventListener> listeners;

	ClientEventListeners(ObjectProvider<PiecesWebsocketManager> manager, ObjectProvider<ClientEventListener> listeners) {
		this.manager = manager;
		this.listeners = listeners;
	}

	@Override
	public void afterSingletonsInstantiated() {
		PiecesWebsocketManager manager = this.manager.getIfUnique();
		if (manager != null) {
			attach(manager, this.listeners.orderedStream().toList());
		}
	}

	/**
	 * Add the given listeners to the manager, each at most once.
	 * @param manager the manager
	 * @param listeners the listeners
	 */
	static void attach(PiecesWebsocketManager manager, List<? extends ClientEventListener> listeners) {
		for (ClientEventListener listener : listeners) {
			// remove first: the manager keeps a list, so a second add would notify twice
			manager.removeEventListener(listener);
			manager.addEventListener(listener);
		}
	}

}
