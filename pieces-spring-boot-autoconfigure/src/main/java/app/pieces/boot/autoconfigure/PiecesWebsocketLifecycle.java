package app.pieces.boot.autoconfigure;

import java.util.List;

import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.ClientEventListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Opens and closes the Pieces OS websockets with the application context: the only
 * {@link SmartLifecycle} of the Pieces OS auto-configuration (the websocket beans are not
 * lifecycles, or Spring would start them on its own).
 * <ul>
 * <li>{@link #start()} hands the first connect of every socket to the manager's scheduler and
 * returns at once: it neither blocks nor throws when Pieces OS is down, the sockets keep
 * trying in the background. {@link #isRunning()} means "started", not "connected".</li>
 * <li>{@link #stop(Runnable)} closes every socket and cancels pending reconnects; it is
 * idempotent and always runs the callback exactly once, also when nothing was running.</li>
 * <li>After a stop the lifecycle can be started again (Spring pauses and restarts cached test
 * contexts).</li>
 * </ul>
 * The auto-configuration adds every {@link ClientEventListener} bean (the event bridge, the
 * health indicator, the meter binder and any listener bean of the application) to the manager
 * on its own, before any lifecycle starts, so an application that defines its own lifecycle
 * keeps them. Listeners given at construction are added too; a listener is never added twice.
 *
 * @since 0.1.0
 */
public class PiecesWebsocketLifecycle implements SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(PiecesWebsocketLifecycle.class);

	private final PiecesWebsocketManager manager;

	private final List<BaseWebsocket<?>> websockets;

	private final Object monitor = new Object();

	private final boolean autoStartup;

	private final int phase;

	private volatile boolean running;

	/**
	 * Create a new lifecycle.
	 * @param manager the websocket manager to start and stop
	 * @param websockets the websockets registered in the manager (taking them here makes sure
	 * they exist before the first start, also with lazy initialization)
	 * @param listeners extra event listeners to add to the manager (listener beans are added by the
	 * auto-configuration anyway; a listener already added is not added again)
	 * @param autoStartup whether to start when the context refreshes
	 * @param phase the lifecycle phase
	 */
	public PiecesWebsocketLifecycle(PiecesWebsocketManager manager, List<? extends BaseWebsocket<?>> websockets,
			List<? extends ClientEventListener> listeners, boolean autoStartup, int phase) {
		this.manager = manager;
		this.websockets = List.<BaseWebsocket<?>>copyOf(websockets);
		this.autoStartup = autoStartup;
		this.phase = phase;
		ClientEventListeners.attach(manager, listeners);
	}

	/**
	 * Return the managed websocket manager.
	 * @return the manager
	 */
	public PiecesWebsocketManager getManager() {
		return this.manager;
	}

	/**
	 * Return the websockets this lifecycle opens and closes.
	 * @return the websockets
	 */
	public List<BaseWebsocket<?>> getWebsockets() {
		return this.websockets;
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			try {
				this.manager.startAll();
			}
			catch (RuntimeException ex) {
				logger.warn("Pieces OS websockets could not be started; they retry in the background", ex);
			}
		}
	}

	@Override
	public void stop() {
		synchronized (this.monitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			try {
				this.manager.closeAll();
			}
			catch (RuntimeException ex) {
				logger.warn("Pieces OS websockets did not close cleanly", ex);
			}
		}
	}

	@Override
	public void stop(Runnable callback) {
		try {
			stop();
		}
		finally {
			callback.run();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	@Override
	public void destroy() {
		stop();
	}

}
