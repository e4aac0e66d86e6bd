package app.pieces.sample.live;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /api/status} returns (and the {@code status} server-sent event carries).
 *
 * @param streams the connection of each enabled websocket, keyed by stream tag ({@code health},
 * {@code user}, {@code assets}, {@code conversations}, {@code qgpt}, {@code ltm}, {@code anchors},
 * {@code ranges}, and {@code summaries} when switched on)
 * @param healthy whether the health stream is connected and its last frame said {@code OK}
 * @param healthReason why Pieces OS is not healthy, as the {@code pieces} health says it; {@code null} when healthy
 * @param assetsSynced whether the asset cache holds the complete list sent after the latest
 * connect
 * @param assetCount how many assets are cached
 * @param conversationCount how many conversations are cached
 * @param user the signed-in user's name, {@code null} when nobody is signed in (never an email)
 * @param piecesOsVersion the Pieces OS version, {@code null} until first connected
 * @param baseUrl the Pieces OS base URL, {@code null} until discovered
 * @author Pieces starter team
 */
public record StatusView(Map<String, StreamView> streams, boolean healthy, @Nullable String healthReason,
		boolean assetsSynced, int assetCount,
		int conversationCount, @Nullable String user, @Nullable String piecesOsVersion, @Nullable String baseUrl) {

	/**
	 * The connection of one websocket.
	 *
	 * @param connected whether the websocket is open
	 * @param state the connection state ({@code OPEN}, {@code CONNECTING}, {@code WAITING} ...)
	 * @param reconnectAttempts reconnect attempts since the last successful connect
	 */
	public record StreamView(boolean connected, String state, int reconnectAttempts) {

	}

}
