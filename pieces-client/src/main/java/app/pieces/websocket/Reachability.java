package app.pieces.websocket;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

import app.pieces.client.PiecesUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What the sockets of one manager tell about Pieces OS as a whole, logged once per change
 * instead of once per socket: when Pieces OS becomes unreachable (one INFO line, however many
 * sockets fail and however often they retry), when an open connection is lost, and when
 * Pieces OS is back. The per-socket details go to DEBUG.
 *
 * @author Pieces starter team
 */
final class Reachability {

	private static final Log logger = LogFactory.getLog(PiecesWebsocketManager.class);

	private final Supplier<Optional<URI>> baseUri;

	// guarded by this
	private State state = State.UNKNOWN;

	/**
	 * Create a tracker.
	 * @param baseUri the client's current base URL, for the log lines
	 */
	Reachability(Supplier<Optional<URI>> baseUri) {
		this.baseUri = baseUri;
	}

	/**
	 * A socket connected; logs that Pieces OS is back if it was lost or unreachable.
	 * @param socket the socket
	 */
	void connected(BaseWebsocket<?> socket) {
		State previous = transition(State.UP);
		if (previous == State.LOST || previous == State.UNREACHABLE) {
			logger.info("Pieces OS is reachable again at " + base() + "; the streams are reconnecting");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("The " + socket.stream().tag() + " stream connected to Pieces OS at " + base());
		}
	}

	/**
	 * An open connection of a socket ended without being asked to; logs the first loss only.
	 * @param socket the socket
	 * @param reason why it ended
	 */
	void lost(BaseWebsocket<?> socket, String reason) {
		State previous;
		synchronized (this) {
			previous = this.state;
			if (previous != State.UNREACHABLE) {
				this.state = State.LOST;
			}
		}
		if (previous == State.UP || previous == State.UNKNOWN) {
			logger.info("Lost the connection to Pieces OS at " + base() + " (" + socket.stream().tag() + " stream: "
					+ reason + "); the streams reconnect in the background");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("The " + socket.stream().tag() + " stream disconnected: " + reason);
		}
	}

	/**
	 * A connect attempt of a socket failed; logs the first failure only.
	 * @param socket the socket
	 * @param error the failure
	 */
	void unreachable(BaseWebsocket<?> socket, Throwable error) {
		State previous = transition(State.UNREACHABLE);
		String cause = Failures.shortDescription(error);
		if (previous != State.UNREACHABLE) {
			Optional<URI> base = this.baseUri.get();
			if (base.isEmpty() && error instanceof PiecesUnavailableException unavailable) {
				// discovery found nothing: its message says where it looked and what to check
				logger.info(unavailable.getMessage() + " The streams keep retrying in the background.");
			}
			else {
				logger.info("Pieces OS is not reachable" + base.map((uri) -> " at " + uri).orElse("") + " (" + cause
						+ "); the streams keep retrying in the background");
			}
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Could not connect the " + socket.stream().tag() + " stream (attempt "
					+ socket.reconnectAttempts() + "): " + cause);
		}
	}

	/**
	 * Forget what is known (the manager closed); the next change is logged again.
	 */
	synchronized void reset() {
		this.state = State.UNKNOWN;
	}

	private synchronized State transition(State next) {
		State previous = this.state;
		this.state = next;
		return previous;
	}

	private String base() {
		return this.baseUri.get().map(URI::toString).orElse("(unknown address)");
	}

	private enum State {

		UNKNOWN, UP, LOST, UNREACHABLE

	}

}
