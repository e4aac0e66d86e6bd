package app.pieces.sample;

import java.util.concurrent.atomic.AtomicBoolean;

import app.pieces.boot.event.PiecesWebsocketConnectFailedEvent;
import app.pieces.client.PiecesClient;
import app.pieces.websocket.HealthWS;
import app.pieces.websocket.PiecesStream;
import app.pieces.websocket.WebsocketListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Tells the person who started the sample what is going on: the URL of the page once the
 * application is ready, and in plain words whether Pieces OS was found.
 * <p>
 * It shows both ways of hearing from a socket: a callback registered on the auto-configured
 * {@link HealthWS} bean (connected / connection lost, called on that socket's delivery
 * thread) and an {@code @EventListener} for {@link PiecesWebsocketConnectFailedEvent}
 * (called by the starter's event delivery, one event at a time).
 *
 * @author Pieces starter team
 */
@Component
public class ConnectionReporter {

	private static final Log logger = LogFactory.getLog(ConnectionReporter.class);

	private final PiecesClient client;

	private final Environment environment;

	private final AtomicBoolean unreachableReported = new AtomicBoolean();

	ConnectionReporter(PiecesClient client, ObjectProvider<HealthWS> healthSocket, Environment environment) {
		this.client = client;
		this.environment = environment;
		healthSocket.ifAvailable(
				(socket) -> socket.addListener(WebsocketListener.of(null, this::connected, null, this::closed)));
	}

	private void closed(CloseStatus status) {
		if (CloseStatus.NORMAL.equalsCode(status)) {
			logger.info("Closed the connection to Pieces OS");
		}
		else {
			logger.warn("Lost the connection to Pieces OS (" + status
					+ "); the starter reconnects as soon as it is back");
		}
	}

	private void connected() {
		this.unreachableReported.set(false);
		logger.info("Connected to Pieces OS at " + this.client.baseUri().map(Object::toString).orElse("?"));
	}

	@EventListener
	void onConnectFailed(PiecesWebsocketConnectFailedEvent event) {
		if (event.getStream() != PiecesStream.HEALTH || !this.unreachableReported.compareAndSet(false, true)) {
			return;
		}
		String baseUrl = this.client.baseUri().map(Object::toString).orElse(null);
		if (baseUrl != null) {
			// a fixed base URL (pieces.base-url, the simulator profile) or the last Pieces OS found
			logger.warn("Pieces OS is not reachable at " + baseUrl + " (" + event.getCause().getMessage()
					+ "). The sample keeps trying and connects as soon as it answers.");
		}
		else {
			logger.warn("No Pieces OS is running on this machine (" + event.getCause().getMessage()
					+ "). Start Pieces OS (https://pieces.app), or try the sample without it: "
					+ "--spring.profiles.active=simulator. The sample keeps looking and connects as soon as "
					+ "Pieces OS is up.");
		}
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		String port = this.environment.getProperty("local.server.port");
		if (port == null) {
			return;
		}
		String contextPath = this.environment.getProperty("server.servlet.context-path", "");
		logger.info("Pieces sample app is running: open http://localhost:" + port + contextPath + "/");
	}

}
