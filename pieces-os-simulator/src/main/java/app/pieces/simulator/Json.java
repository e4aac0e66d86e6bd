package app.pieces.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's own minimal JSON toolkit: Jackson trees, wire timestamps and the explicit-null style.
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private Json() {
	}

	static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	/**
	 * Parse text into a tree.
	 * @param text the JSON text
	 * @return the tree
	 * @throws JacksonException if the text is not JSON
	 */
	static JsonNode parse(String text) {
		return MAPPER.readTree(text);
	}

	static String write(JsonNode node) {
		return MAPPER.writeValueAsString(node);
	}

	static Map<String, Object> toMap(JsonNode node) {
		return MAPPER.convertValue(node, MAP);
	}

	/**
	 * The common {@code schema} object ({@code EmbeddedModelSchema}).
	 * @return a new schema node
	 */
	static ObjectNode schema() {
		ObjectNode schema = object();
		schema.put("migration", 0);
		schema.put("semantic", "MAJOR_0_MINOR_0_PATCH_1");
		return schema;
	}

	static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	static String timestamp(Instant instant) {
		return TIMESTAMP.format(instant);
	}

	/**
	 * A {@code GroupedTimestamp}.
	 * @param instant the time
	 * @param readable whether to add the human readable form
	 * @return a new node
	 */
	static ObjectNode groupedTimestamp(Instant instant, boolean readable) {
		ObjectNode node = object();
		node.put("value", timestamp(instant));
		if (readable) {
			node.put("readable", READABLE.format(instant));
		}
		return node;
	}

	/**
	 * Add an explicit {@code null} for every listed key the node does not have, the way a Dart-generated
	 * server writes unset optional fields.
	 * @param node the node to complete
	 * @param keys the optional keys of its model
	 * @return the same node
	 */
	static ObjectNode nullsFor(ObjectNode node, String... keys) {
		for (String key : keys) {
			if (!node.has(key)) {
				node.putNull(key);
			}
		}
		return node;
	}

	static @Nullable String text(@Nullable JsonNode node, String field) {
		if (node == null) {
			return null;
		}
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	static @Nullable JsonNode objectField(@Nullable JsonNode node, String field) {
		if (node == null) {
			return null;
		}
		JsonNode value = node.get(field);
		return (value != null && value.isObject()) ? value : null;
	}

	static boolean isTrue(@Nullable JsonNode node, String field) {
		if (node == null) {
			return false;
		}
		JsonNode value = node.get(field);
		return value != null && value.isBoolean() && value.booleanValue();
	}

}
