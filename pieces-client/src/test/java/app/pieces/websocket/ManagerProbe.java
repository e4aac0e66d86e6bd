package app.pieces.websocket;

/**
 * Reads a manager's internals for tests in other packages.
 */
public final class ManagerProbe {

	private ManagerProbe() {
	}

	/**
	 * Return the number of tasks waiting on the manager's scheduler (pings, reconnects, retries, copilot checks).
	 * @param manager the manager
	 * @return the number of scheduled tasks
	 */
	public static int pendingTimers(PiecesWebsocketManager manager) {
		return manager.pendingTimers();
	}

}
