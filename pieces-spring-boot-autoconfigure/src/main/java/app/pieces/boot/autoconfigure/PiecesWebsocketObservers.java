package app.pieces.boot.autoconfigure;

import java.util.List;

import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.PiecesWebsocketObserver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Adds every {@link PiecesWebsocketObserver} bean (the event bridge, the health indicator,
 * the meter binder and any observer of the application) to the {@link PiecesWebsocketManager}
 * once all singletons exist, before any lifecycle starts. It does not depend on the
 * {@link PiecesWebsocketLifecycle}, so an application that defines its own lifecycle (or its
 * own manager) keeps its observers. Adding is idempotent: an observer that is already
 * registered (for example because a lifecycle was given it too) is not added twice.
 */
final class PiecesWebsocketObservers implements SmartInitializingSingleton {

	private final ObjectProvider<PiecesWebsocketManager> manager;

	private final ObjectProvider<PiecesWebsocketObserver> observers;

	PiecesWebsocketObservers(ObjectProvider<PiecesWebsocketManager> manager,
			ObjectProvider<PiecesWebsocketObserver> observers) {
		this.manager = manager;
		this.observers = observers;
	}

	@Override
	public void afterSingletonsInstantiated() {
		PiecesWebsocketManager manager = this.manager.getIfUnique();
		if (manager != null) {
			attach(manager, this.observers.orderedStream().toList());
		}
	}

	/**
	 * Add the given observers to the manager, each at most once.
	 * @param manager the manager
	 * @param observers the observers
	 */
	static void attach(PiecesWebsocketManager manager, List<? extends PiecesWebsocketObserver> observers) {
		for (PiecesWebsocketObserver observer : observers) {
			// remove first: the manager keeps a list, so a second add would notify twice
			manager.removeObserver(observer);
			manager.addObserver(observer);
		}
	}

}
