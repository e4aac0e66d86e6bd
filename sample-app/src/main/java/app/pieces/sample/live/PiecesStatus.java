package app.pieces.sample.live;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import app.pieces.client.PiecesClient;
import app.pieces.client.PiecesException;
import app.pieces.model.Asset;
import app.pieces.model.Conversation;
import app.pieces.model.UserProfile;
import app.pieces.sample.live.ItemViews.AssetView;
import app.pieces.sample.live.ItemViews.ConversationView;
import app.pieces.sample.live.StatusView.StreamView;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.AuthWS;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.ConversationWS;
import app.pieces.websocket.HealthWS;
import app.pieces.websocket.PiecesWebsocketManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Reads what the starter already knows (socket states, caches, the signed-in user) and shapes
 * it for the page. Nothing here talks to Pieces OS except {@link #refreshVersion()}, which the
 * sample calls when the health stream (re)connects.
 *
 * @author Pieces starter team
 */
@Component
public class PiecesStatus {

	private static final Log logger = LogFactory.getLog(PiecesStatus.class);

	private final PiecesWebsocketManager manager;

	private final PiecesClient client;

	private final AtomicReference<@Nullable String> version = new AtomicReference<>();

	PiecesStatus(PiecesWebsocketManager manager, PiecesClient client) {
		this.manager = manager;
		this.client = client;
	}

	/**
	 * Return the current status.
	 * @return the status
	 */
	public StatusView current() {
		Map<String, StreamView> streams = new LinkedHashMap<>();
		this.manager.sockets()
			.stream()
			.sorted(Comparator.comparing((BaseWebsocket<?> socket) -> socket.stream()))
			.forEach((socket) -> streams.put(socket.stream().tag(),
					new StreamView(socket.isConnected(), socket.state().name(), socket.reconnectAttempts())));
		boolean healthy = this.manager.socket(HealthWS.class).map(HealthWS::isHealthy).orElse(false);
		AssetsIdentifiersWS assets = this.manager.socket(AssetsIdentifiersWS.class).orElse(null);
		ConversationWS conversations = this.manager.socket(ConversationWS.class).orElse(null);
		String user = this.manager.socket(AuthWS.class)
			.flatMap(AuthWS::currentUser)
			.map(PiecesStatus::displayName)
			.orElse(null);
		String baseUrl = this.client.baseUri().map(Object::toString).orElse(null);
		return new StatusView(streams, healthy, assets != null && assets.cache().isSynced(),
				(assets != null) ? assets.cache().size() : 0,
				(conversations != null) ? conversations.cache().size() : 0, user, this.version.get(), baseUrl);
	}

	/**
	 * Return the cached assets, newest first.
	 * @return the assets
	 */
	public List<AssetView> assets() {
		return this.manager.socket(AssetsIdentifiersWS.class)
			.map((socket) -> socket.cache().snapshot().stream().map((Asset asset) -> ItemViews.of(asset)).toList())
			.orElse(List.of());
	}

	/**
	 * Return the cached conversations, newest first.
	 * @return the conversations
	 */
	public List<ConversationView> conversations() {
		return this.manager.socket(ConversationWS.class)
			.map((socket) -> socket.cache()
				.snapshot()
				.stream()
				.map((Conversation conversation) -> ItemViews.of(conversation))
				.toList())
			.orElse(List.of());
	}

	/**
	 * Ask Pieces OS for its version ({@code GET /.well-known/version}) and remember it. Blocks
	 * for at most the client's read timeout; failures are logged and keep the last known version.
	 */
	public void refreshVersion() {
		try {
			String current = this.client.version();
			String previous = this.version.getAndSet(current);
			if (!current.equals(previous)) {
				logger.info("Pieces OS version " + current);
			}
		}
		catch (PiecesException ex) {
			logger.warn("Could not read the Pieces OS version: " + ex.getMessage());
		}
	}

	/**
	 * Return the name to show for a user: the name, else the user name, never the email.
	 * @param user the profile
	 * @return the display name
	 */
	static String displayName(UserProfile user) {
		if (user.name() != null && !user.name().isBlank()) {
			return user.name();
		}
		if (user.username() != null && !user.username().isBlank()) {
			return user.username();
		}
		return "signed in";
	}

}
