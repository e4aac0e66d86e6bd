package app.pieces.sample.live;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import app.pieces.boot.health.PiecesHealthIndicator;
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
import app.pieces.websocket.IdentifierCache;
import app.pieces.websocket.PiecesWebsocketManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Reads what the starter already knows (socket states, the asset and conversation caches of the
 * auto-configured socket beans, the signed-in user) and shapes it for the page. Nothing here
 * talks to Pieces OS except {@link #refreshVersion()}, which {@link PiecesActivity} runs on the
 * application task executor (never on the starter's event delivery) when the health stream
 * (re)connects.
 *
 * @author Pieces starter team
 */
@Component
public class PiecesStatus {

	private static final Log logger = LogFactory.getLog(PiecesStatus.class);

	private final PiecesWebsocketManager manager;

	private final PiecesClient client;

	private final @Nullable HealthWS health;

	private final @Nullable AuthWS user;

	private final @Nullable IdentifierCache<Asset> assets;

	private final @Nullable IdentifierCache<Conversation> conversations;

	private final AtomicReference<@Nullable String> version = new AtomicReference<>();

	private final @Nullable PiecesHealthIndicator healthIndicator;

	/**
	 * Create the status from the auto-configured beans. Each socket bean can be switched off
	 * ({@code pieces.streams.<stream>.enabled=false}), hence the {@link ObjectProvider}s.
	 * @param manager the websocket manager (for the state of every socket)
	 * @param client the client (base URL and version)
	 * @param health the health socket
	 * @param user the user socket
	 * @param assets the asset socket, whose cache lists the assets
	 * @param conversations the conversation socket, whose cache lists the conversations
	 */
	PiecesStatus(PiecesWebsocketManager manager, PiecesClient client, ObjectProvider<HealthWS> health,
			ObjectProvider<AuthWS> user, ObjectProvider<AssetsIdentifiersWS> assets,
			ObjectProvider<ConversationWS> conversations, ObjectProvider<PiecesHealthIndicator> healthIndicator) {
		this.manager = manager;
		this.healthIndicator = healthIndicator.getIfAvailable();
		this.client = client;
		this.health = health.getIfAvailable();
		this.user = user.getIfAvailable();
		AssetsIdentifiersWS assetSocket = assets.getIfAvailable();
		this.assets = (assetSocket != null) ? assetSocket.cache() : null;
		ConversationWS conversationSocket = conversations.getIfAvailable();
		this.conversations = (conversationSocket != null) ? conversationSocket.cache() : null;
	}

	/**
	 * Why Pieces OS is not healthy, as the {@code pieces} health indicator says it (it never calls Pieces OS).
	 */
	private @Nullable String healthReason() {
		if (this.healthIndicator == null) {
			return (this.health != null) ? "Pieces OS is not healthy" : "the health stream is switched off";
		}
		Object reason = this.healthIndicator.health().getDetails().get("reason");
		return (reason != null) ? reason.toString() : null;
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
		boolean healthy = this.health != null && this.health.isHealthy();
		String userName = (this.user != null) ? this.user.currentUser().map(PiecesStatus::displayName).orElse(null)
				: null;
		String baseUrl = this.client.baseUri().map(Object::toString).orElse(null);
		return new StatusView(streams, healthy, healthy ? null : healthReason(),
				this.assets != null && this.assets.isSynced(),
				(this.assets != null) ? this.assets.size() : 0,
				(this.conversations != null) ? this.conversations.size() : 0, userName, this.version.get(), baseUrl);
	}

	/**
	 * Return the cached assets, newest first.
	 * @return the assets
	 */
	public List<AssetView> assets() {
		return (this.assets != null) ? this.assets.snapshot().stream().map(ItemViews::of).toList() : List.of();
	}

	/**
	 * Return the cached conversations, newest first.
	 * @return the conversations
	 */
	public List<ConversationView> conversations() {
		return (this.conversations != null) ? this.conversations.snapshot().stream().map(ItemViews::of).toList()
				: List.of();
	}

	/**
	 * Ask Pieces OS for its version ({@code GET /.well-known/version}) and remember it. Blocks
	 * for at most the client's read timeout, so never call it from an event listener
	 * of the starter; failures are logged and keep the last known version.
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
