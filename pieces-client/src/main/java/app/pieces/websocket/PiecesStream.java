package app.pieces.websocket;

/**
 * The Pieces OS websocket streams this client speaks, with their upgrade path and a
 * low-cardinality lower-case tag name (for logs, metrics and events).
 *
 * @author Pieces starter team
 */
public enum PiecesStream {

	/**
	 * Liveness stream, plain text frames ({@code OK}).
	 */
	HEALTH("/.well-known/stream/health", "health"),

	/**
	 * Signed-in user profile, an empty or non-JSON frame meaning "signed out".
	 */
	USER("/user/stream", "user"),

	/**
	 * Asset identifiers: a full list after connect, deltas afterwards.
	 */
	ASSETS("/assets/stream/identifiers", "assets"),

	/**
	 * Conversation identifiers: a full list after connect, deltas afterwards.
	 */
	CONVERSATIONS("/conversations/stream/identifiers", "conversations"),

	/**
	 * Copilot questions (client to server) and streamed answers (server to client).
	 */
	QGPT("/qgpt/stream", "qgpt"),

	/**
	 * Long-term memory (LTM) vision status: a {@code WorkstreamPatternEngineStatus} on connect and on every change.
	 */
	LTM_VISION("/workstream_pattern_engine/processors/vision/status/stream", "ltm"),

	/**
	 * Anchor identifiers (the files and folders Pieces OS tracks): a full list after connect, deltas afterwards.
	 */
	ANCHORS("/anchors/stream/identifiers", "anchors"),

	/**
	 * Range identifiers (the time spans of the workstream): a full list after connect, deltas afterwards.
	 */
	RANGES("/ranges/stream/identifiers", "ranges"),

	/**
	 * Workstream summary identifiers (long-term memory summaries): a full list after connect, deltas afterwards.
	 */
	WORKSTREAM_SUMMARIES("/workstream_summaries/stream/identifiers", "summaries");

	private final String path;

	private final String tag;

	PiecesStream(String path, String tag) {
		this.path = path;
		this.tag = tag;
	}

	/**
	 * Return the path of the websocket upgrade request, e.g. {@code /qgpt/stream}.
	 * @return the path, starting with a slash
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Return the lower-case tag name: {@code health}, {@code user}, {@code assets}, {@code conversations},
	 * {@code qgpt}, {@code ltm}, {@code anchors}, {@code ranges} or {@code summaries}.
	 * @return the tag name
	 */
	public String tag() {
		return this.tag;
	}

}
