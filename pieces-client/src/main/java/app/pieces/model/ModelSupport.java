package app.pieces.model;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Helpers shared by the model records.
 */
final class ModelSupport {

	/**
	 * The fields behind each model record's components, in declaration order, readable; {@link #OTHER_RECORD} for
	 * a record of another package. Asked once per type: {@code getPackage()} and {@code getPackageName()} work the
	 * package out again on every call.
	 */
	private static final Map<Class<?>, Field[]> componentFields = new ConcurrentHashMap<>();

	private static final Field[] OTHER_RECORD = new Field[0];

	/** The model's package, for the checks whether a type belongs to it. */
	static final String PACKAGE = ModelSupport.class.getPackageName();

	private ModelSupport() {
	}

	/**
	 * Whether two values are equal as {@code equals} would say, with the records of this package compared
	 * component by component through their fields, lists element by element. A record's generated {@code equals}
	 * links a tree of method handles for its type at its first call and runs through it until the JIT compiles
	 * it, which made the comparisons of an asset's formats a sixth of the cost of decoding the first asset of a
	 * cold JVM. No record of this package declares its own {@code equals}.
	 */
	static boolean sameContent(@Nullable Object first, @Nullable Object second) {
		if (first == second) {
			return true;
		}
		if (first == null || second == null) {
			return false;
		}
		Field[] fields = (first instanceof Record)
				? componentFields.computeIfAbsent(first.getClass(), ModelSupport::componentFields) : OTHER_RECORD;
		if (fields != OTHER_RECORD) {
			if (first.getClass() != second.getClass()) {
				return false;
			}
			try {
				for (Field field : fields) {
					if (!sameContent(field.get(first), field.get(second))) {
						return false;
					}
				}
				return true;
			}
			catch (IllegalAccessException ex) {
				return first.equals(second);
			}
		}
		if (first instanceof List<?> firstList && second instanceof List<?> secondList) {
			int size = firstList.size();
			if (size != secondList.size()) {
				return false;
			}
			for (int i = 0; i < size; i++) {
				if (!sameContent(firstList.get(i), secondList.get(i))) {
					return false;
				}
			}
			return true;
		}
		return first.equals(second);
	}

	/** Whether the type is a record of the model package. */
	static boolean isModelRecord(Class<?> type) {
		return type.isRecord() && type.getPackageName().equals(PACKAGE);
	}

	private static Field[] componentFields(Class<?> type) {
		if (!isModelRecord(type)) {
			return OTHER_RECORD;
		}
		RecordComponent[] components = type.getRecordComponents();
		Field[] fields = new Field[components.length];
		for (int i = 0; i < components.length; i++) {
			try {
				fields[i] = type.getDeclaredField(components[i].getName());
				fields[i].setAccessible(true);
			}
			catch (NoSuchFieldException ex) {
				throw new IllegalStateException("No field for component " + components[i] + " of " + type, ex);
			}
		}
		return fields;
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
