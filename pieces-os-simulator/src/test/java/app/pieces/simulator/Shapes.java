package app.pieces.simulator;

import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares the shape of JSON documents: the same keys at every level and the same kinds of values.
 */
final class Shapes {

	private Shapes() {
	}

	/**
	 * Assert that {@code actual} has exactly the keys of {@code expected} at every level (arrays compared by
	 * their first element) and values of the same kind.
	 */
	static void assertSameShape(JsonNode expected, JsonNode actual) {
		compare("$", expected, actual, false);
	}

	/**
	 * Like {@link #assertSameShape} but {@code actual} may carry extra keys whose value is {@code null}, and
	 * keys with a {@code null} value in {@code expected} may hold anything in {@code actual}.
	 */
	static void assertSameShapeIgnoringNulls(JsonNode expected, JsonNode actual) {
		compare("$", expected, actual, true);
	}

	private static void compare(String path, JsonNode expected, JsonNode actual, boolean ignoreNulls) {
		if (ignoreNulls && expected.isNull()) {
			return;
		}
		assertThat(actual.getNodeType()).as("type of %s", path).isEqualTo(expected.getNodeType());
		if (expected.isObject()) {
			assertThat(keys(actual, ignoreNulls)).as("keys of %s", path).isEqualTo(keys(expected, ignoreNulls));
			for (String key : keys(expected, ignoreNulls)) {
				compare(path + "." + key, expected.get(key), actual.get(key), ignoreNulls);
			}
		}
		else if (expected.isArray() && !expected.isEmpty()) {
			assertThat(actual.isEmpty()).as("%s is empty", path).isFalse();
			compare(path + "[0]", expected.get(0), actual.get(0), ignoreNulls);
		}
	}

	private static Set<String> keys(JsonNode node, boolean ignoreNulls) {
		Set<String> keys = new TreeSet<>();
		for (String key : node.propertyNames()) {
			if (!ignoreNulls || !node.get(key).isNull()) {
				keys.add(key);
			}
		}
		return keys;
	}

}
