package app.pieces.simulator;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The websocket streams the simulator serves, with their control-plane names and wire paths.
 */
enum StreamKind {

	/** {@code OK} frames. */
	HEALTH("health", "/.well-known/stream/health"),

	/** {@code UserProfile} frames, an empty frame on logout. */
	USER("user", "/user/stream"),

	/** Asset identifiers. */
	ASSETS("assets", "/assets/stream/identifiers"),

	/** Conversation identifiers. */
	CONVERSATIONS("conversations", "/conversations/stream/identifiers"),

	/** Anchor identifiers (always empty). */
	ANCHORS("anchors", "/anchors/stream/identifiers"),

	/** Range identifiers (always empty). */
	RANGES("ranges", "/ranges/stream/identifiers"),

	/** Workstream summary identifiers (always empty). */
	WORKSTREAM_SUMMARIES("workstream_summaries", "/workstream_summaries/stream/identifiers"),

	/** LTM vision status. */
	VISION("vision", "/workstream_pattern_engine/processors/vision/status/stream"),

	/** Copilot questions and answers. */
	QGPT("qgpt", "/qgpt/stream");

	private final String streamName;

	private final String path;

	StreamKind(String streamName, String path) {
		this.streamName = streamName;
		this.path = path;
	}

	String streamName() {
		return this.streamName;
	}

	String path() {
		return this.path;
	}

	static @Nullable StreamKind of(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		for (StreamKind kind : values()) {
			if (kind.streamName.equals(lower)) {
				return kind;
			}
		}
		return null;
	}

	/**
	 * The workstream stream whose collection has this name: {@code anchors}, {@code ranges} or
	 * {@code workstream_summaries}.
	 * @param collection the collection name
	 * @return the stream
	 */
	static StreamKind forCollection(String collection) {
		StreamKind kind = of(collection);
		if (kind == null || !WorkstreamItems.handles(kind)) {
			throw new IllegalArgumentException("Not a workstream collection: " + collection);
		}
		return kind;
	}

	/**
	 * The workstream stream of one item's path segment: {@code anchor}, {@code range} or {@code workstream_summary}.
	 * @param item the item name
	 * @return the stream
	 */
	static StreamKind forItem(String item) {
		return forCollection(item.equals("workstream_summary") ? "workstream_summaries" : item + "s");
	}

}
