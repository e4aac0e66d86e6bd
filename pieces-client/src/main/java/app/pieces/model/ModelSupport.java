package app.pieces.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Helpers shared by the model records.
 */
final class ModelSupport {

	private ModelSupport() {
	}

	/**
	 * Decode an enum's wire value, trimmed and case-insensitively: the one reader behind every wire enum's
	 * {@code @JsonCreator}, so that unknown values read as the fallback whatever the mapper's configuration.
	 */
	static <E extends Enum<E>> E fromWireValue(E[] values, Function<E, String> wireValue, @Nullable String value,
			E fallback) {
		if (value != null) {
			String trimmed = value.trim();
			for (E candidate : values) {
				if (wireValue.apply(candidate).equalsIgnoreCase(trimmed)) {
					return candidate;
				}
			}
		}
		return fallback;
	}

	/**
	 * Return an unmodifiable copy of a list without its {@code null} elements; {@code null} gives an empty list.
	 */
	static <T> List<T> list(@Nullable List<? extends @Nullable T> source) {
		if (source == null || source.isEmpty()) {
			return List.of();
		}
		List<T> result = new ArrayList<>(source.size());
		for (T element : source) {
			if (element != null) {
				result.add(element);
			}
		}
		return Collections.unmodifiableList(result);
	}

	/**
	 * Return an unmodifiable, order-keeping copy of a map without {@code null} keys or values; {@code null} gives
	 * an empty map.
	 */
	static <K, V> Map<K, V> map(@Nullable Map<? extends @Nullable K, ? extends @Nullable V> source) {
		if (source == null || source.isEmpty()) {
			return Map.of();
		}
		Map<K, V> result = new LinkedHashMap<>();
		source.forEach((key, value) -> {
			if (key != null && value != null) {
				result.put(key, value);
			}
		});
		return Collections.unmodifiableMap(result);
	}

	/**
	 * Return {@code value} if non-null, or throw an exception naming the missing wire field.
	 */
	static <T> T required(@Nullable T value, String type, String field) {
		if (value == null) {
			throw new IllegalArgumentException(type + "." + field + " is required");
		}
		return value;
	}

	/**
	 * Redact a secret or personal value in {@code toString()} output.
	 */
	static String redact(@Nullable Object value) {
		return (value != null) ? "<redacted>" : "null";
	}

}
