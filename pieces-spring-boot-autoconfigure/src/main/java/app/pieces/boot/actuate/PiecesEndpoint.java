package app.pieces.boot.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import app.pieces.copilot.PiecesCopilot;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.IdentifierCache;
import app.pieces.websocket.IdentifiersWebsocket;
import app.pieces.websocket.PiecesWebsocketManager;

/**
 * The {@code pieces} Actuator endpoint: what an operator needs to see and do without restarting the application.
 * <ul>
 * <li>{@code GET /actuator/pieces}: the base URL in use and how it is found, each stream's connection, each
 * cache's size and sync state, and the copilot answers in flight;</li>
 * <li>{@code POST /actuator/pieces/reconnect}: reconnect every stream (with discovery, so a Pieces OS that moved
 * is found again);</li>
 * <li>{@code POST /actuator/pieces/resync}: reconnect the identifier streams only, so that every cache is
 * compared again with the full list Pieces OS sends after a connect.</li>
 * </ul>
 * It shows no personal data (no user, no snippet content).
 *
 * @since 0.1.0
 */
@Endpoint(id = "pieces")
public class PiecesEndpoint {

	private final PiecesWebsocketManager manager;

	private final String discovery;

	private final @Nullable PiecesCopilot copilot;

	/**
	 * Create the endpoint.
	 * @param manager the websocket manager
	 * @param discovery how the base URL is found, for the read operation
	 * @param copilot the copilot, or {@code null} when the copilot stream is switched off
	 */
	public PiecesEndpoint(PiecesWebsocketManager manager, String discovery, @Nullable PiecesCopilot copilot) {
		this.manager = manager;
		this.discovery = discovery;
		this.copilot = copilot;
	}

	/**
	 * Describe the connection to Pieces OS.
	 * @return the description
	 */
	@ReadOperation
	public Map<String, Object> pieces() {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("baseUrl", this.manager.client().baseUri().map(Object::toString).orElse(null));
		description.put("discovery", this.discovery);
		description.put("lastDiscovery", this.manager.client().lastDiscoveryTrail());
		Map<String, Object> streams = new LinkedHashMap<>();
		Map<String, Object> caches = new LinkedHashMap<>();
		for (BaseWebsocket<?> socket : this.manager.sockets()) {
			Map<String, Object> stream = new LinkedHashMap<>();
			stream.put("state", socket.state().name());
			stream.put("connected", socket.isConnected());
			stream.put("reconnectAttempts", socket.reconnectAttempts());
			streams.put(socket.stream().tag(), stream);
			if (socket instanceof IdentifiersWebsocket<?> identifiers) {
				IdentifierCache<?> cache = identifiers.cache();
				caches.put(cache.name(), Map.of("size", cache.size(), "synced", cache.isSynced()));
			}
		}
		description.put("streams", streams);
		description.put("caches", caches);
		if (this.copilot != null) {
			description.put("copilotAnswersInFlight", this.copilot.activeAnswers().size());
		}
		return description;
	}

	/**
	 * Reconnect every stream ({@code reconnect}) or the identifier streams ({@code resync}).
	 * @param action {@code reconnect} or {@code resync}
	 * @return the streams that reconnect
	 */
	@WriteOperation
	public Map<String, Object> perform(@Selector String action) {
		List<BaseWebsocket<?>> sockets = switch (action) {
			case "reconnect" -> this.manager.sockets();
			case "resync" -> this.manager.sockets()
				.stream()
				.filter((socket) -> socket instanceof IdentifiersWebsocket<?>)
				.toList();
			default -> throw new InvalidEndpointRequestException("Unknown action '" + action
					+ "': use reconnect or resync", "Unknown action; use reconnect or resync");
		};
		sockets.forEach(BaseWebsocket::reconnect);
		return Map.of("action", action, "streams", sockets.stream().map((socket) -> socket.stream().tag()).toList());
	}

}
