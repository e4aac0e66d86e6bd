package app.pieces.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's anchors (files and folders the user works in), ranges (time windows) and workstream summaries
 * (long-term-memory roll-ups), each served the way Pieces OS serves it: an identifier stream, a snapshot of one
 * ({@code GET /anchor/{id}}, {@code /range/{id}}, {@code /workstream_summary/{id}}) and of all
 * ({@code GET /anchors}, {@code /ranges}, {@code /workstream_summaries}), shaped as the official {@code Anchor},
 * {@code Range} and {@code WorkstreamSummary} models. Guarded by the store's monitor, like the rest of the data.
 */
final class WorkstreamItems {

	/** The seeded anchors: three files of a project and its folder. */
	static final List<String> SEEDED_ANCHORS = List.of("/home/dev/projects/retry/src/main/java/Retry.java",
			"/home/dev/projects/retry/README.md", "/home/dev/projects/retry/src/test/java/RetryTests.java",
			"/home/dev/projects/retry");

	static final int SEEDED_RANGES = 3;

	static final List<String> SEEDED_SUMMARIES = List.of("Retry helper: backoff with jitter",
			"Reviewing the websocket reconnect tests");

	private static final Instant SEED_TIME = Instant.parse("2025-06-03T15:00:00Z");

	private final Map<StreamKind, Map<String, Item>> items = new EnumMap<>(StreamKind.class);

	private final Map<StreamKind, Set<String>> deleted = new EnumMap<>(StreamKind.class);

	private final boolean explicitNulls;

	WorkstreamItems(boolean explicitNulls) {
		this.explicitNulls = explicitNulls;
		for (StreamKind kind : List.of(StreamKind.ANCHORS, StreamKind.RANGES, StreamKind.WORKSTREAM_SUMMARIES)) {
			this.items.put(kind, new LinkedHashMap<>());
			this.deleted.put(kind, new HashSet<>());
		}
		for (int i = 0; i < SEEDED_ANCHORS.size(); i++) {
			String path = SEEDED_ANCHORS.get(i);
			Item anchor = add(StreamKind.ANCHORS, DemoData.seededId("anchor", i), path,
					SEED_TIME.minus(i, ChronoUnit.HOURS));
			anchor.directory = !path.contains(".");
		}
		for (int i = 0; i < SEEDED_RANGES; i++) {
			Instant from = SEED_TIME.minus(i + 1, ChronoUnit.DAYS);
			Item range = add(StreamKind.RANGES, DemoData.seededId("range", i), null, from.plus(1, ChronoUnit.DAYS));
			range.from = from;
			range.to = from.plus(8, ChronoUnit.HOURS);
		}
		for (int i = 0; i < SEEDED_SUMMARIES.size(); i++) {
			Item summary = add(StreamKind.WORKSTREAM_SUMMARIES, DemoData.seededId("workstream-summary", i),
					SEEDED_SUMMARIES.get(i), SEED_TIME.minus(i, ChronoUnit.DAYS));
			summary.rangeId = DemoData.seededId("range", i);
			summary.anchorId = DemoData.seededId("anchor", i);
		}
	}

	private Item add(StreamKind kind, String id, @Nullable String name, Instant created) {
		Item item = new Item(id, name, created);
		this.items.get(kind).put(id, item);
		return item;
	}

	static boolean handles(StreamKind kind) {
		return kind == StreamKind.ANCHORS || kind == StreamKind.RANGES || kind == StreamKind.WORKSTREAM_SUMMARIES;
	}

	/**
	 * Ids of the live items of a stream, newest first.
	 * @param kind the stream
	 * @return a new list
	 */
	List<String> ids(StreamKind kind) {
		List<Item> live = new ArrayList<>(this.items.get(kind).values());
		live.sort((a, b) -> b.created.compareTo(a.created));
		return live.stream().map((item) -> item.id).toList();
	}

	Item item(StreamKind kind, String id) {
		Item item = this.items.get(kind).get(id);
		if (item == null) {
			throw new MissingEntityException(modelName(kind), id, this.deleted.get(kind).contains(id));
		}
		return item;
	}

	/**
	 * Create an item: an anchor for a path (a folder when it has no dot), a range of the last hour, or a
	 * workstream summary with a name.
	 * @param kind the stream
	 * @param name the anchor's path or the summary's name; ignored for ranges
	 * @return the new item
	 */
	Item create(StreamKind kind, @Nullable String name) {
		Instant now = Json.now();
		Item item = add(kind, UUID.randomUUID().toString(), name, now);
		if (kind == StreamKind.ANCHORS) {
			item.directory = name != null && !name.contains(".");
		}
		else if (kind == StreamKind.RANGES) {
			item.from = now.minus(1, ChronoUnit.HOURS);
			item.to = now;
		}
		return item;
	}

	Item rename(StreamKind kind, String id, String name) {
		Item item = item(kind, id);
		item.name = name;
		item.updated = later(item.updated);
		return item;
	}

	void delete(StreamKind kind, String id) {
		item(kind, id);
		this.items.get(kind).remove(id);
		this.deleted.get(kind).add(id);
	}

	ObjectNode json(StreamKind kind, String id) {
		Item item = item(kind, id);
		return switch (kind) {
			case ANCHORS -> anchorJson(item);
			case RANGES -> rangeJson(item);
			default -> summaryJson(item);
		};
	}

	/**
	 * All live items as the plural model ({@code Anchors}, {@code Ranges}, {@code WorkstreamSummaries}).
	 * @param kind the stream
	 * @return the collection
	 */
	ObjectNode collectionJson(StreamKind kind) {
		ObjectNode collection = Json.object();
		collection.set("schema", Json.schema());
		ArrayNode iterable = collection.putArray("iterable");
		for (String id : ids(kind)) {
			iterable.add(json(kind, id));
		}
		return collection;
	}

	private ObjectNode anchorJson(Item anchor) {
		ObjectNode node = common(anchor);
		node.put("type", anchor.directory ? "DIRECTORY" : "FILE");
		node.put("name", anchor.name);
		node.put("watch", false);
		references(node, "points", DemoData.seededId("anchor-point", anchor.id.hashCode()));
		return this.explicitNulls ? Json.nullsFor(node, "annotations", "assets", "conversations", "deleted",
				"messages", "persons", "score", "sources", "summaries", "tags", "workstream_events") : node;
	}

	private ObjectNode rangeJson(Item range) {
		ObjectNode node = common(range);
		node.set("from", Json.groupedTimestamp(range.from, false));
		node.set("to", Json.groupedTimestamp(range.to, false));
		node.put("between", true);
		return this.explicitNulls ? Json.nullsFor(node, "conversations", "messages", "score", "summaries") : node;
	}

	private ObjectNode summaryJson(Item summary) {
		ObjectNode node = common(summary);
		node.put("name", summary.name);
		node.set("model", Models.model(DemoData.DEFAULT_MODEL_ID));
		node.put("favorited", false);
		if (summary.rangeId != null) {
			references(node, "ranges", summary.rangeId);
		}
		if (summary.anchorId != null) {
			references(node, "anchors", summary.anchorId);
		}
		return this.explicitNulls ? Json.nullsFor(node, "annotations", "applications", "assets", "children",
				"conversations", "events", "mechanism", "merged", "messageRoot", "messages", "parents", "persons",
				"score", "sources", "summaries", "tags", "websites") : node;
	}

	private static ObjectNode common(Item item) {
		ObjectNode node = Json.object();
		node.set("schema", Json.schema());
		node.put("id", item.id);
		node.set("created", Json.groupedTimestamp(item.created, true));
		node.set("updated", Json.groupedTimestamp(item.updated, true));
		return node;
	}

	private static void references(ObjectNode node, String field, String id) {
		ObjectNode flattened = node.putObject(field);
		flattened.set("schema", Json.schema());
		flattened.putArray("iterable").addObject().put("id", id);
	}

	private static Instant later(Instant previous) {
		Instant now = Json.now();
		return now.isAfter(previous) ? now : previous.plusMillis(1);
	}

	private static String modelName(StreamKind kind) {
		return switch (kind) {
			case ANCHORS -> "Anchor";
			case RANGES -> "Range";
			default -> "WorkstreamSummary";
		};
	}

	/** One anchor, range or workstream summary. */
	static final class Item {

		final String id;

		final Instant created;

		@Nullable String name;

		Instant updated;

		boolean directory;

		Instant from;

		Instant to;

		@Nullable String rangeId;

		@Nullable String anchorId;

		Item(String id, @Nullable String name, Instant created) {
			this.id = id;
			this.name = name;
			this.created = created;
			this.updated = created;
			this.from = created;
			this.to = created;
		}

	}

}
