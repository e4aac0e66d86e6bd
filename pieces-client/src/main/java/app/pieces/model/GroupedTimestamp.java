package app.pieces.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A point in time as Pieces OS sends it: {@code {"value": "2025-06-03T14:05:09.120Z", "readable": "..."}}.
 * The value is read leniently (3 or 6 fraction digits, offsets, no zone = UTC); unparseable text reads as
 * {@code null}.
 *
 * @param value the instant, {@code null} when absent or unparseable
 * @param readable a human-readable rendering chosen by Pieces OS, if any
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GroupedTimestamp(
		@JsonProperty("value") @JsonDeserialize(using = LenientInstantDeserializer.class) @Nullable Instant value,
		@JsonProperty("readable") @Nullable String readable) {

	/**
	 * Create a timestamp without a readable form.
	 * @param value the instant
	 * @return the timestamp
	 */
	public static GroupedTimestamp of(Instant value) {
		return new GroupedTimestamp(value, null);
	}

	/**
	 * Null-safe accessor for the instant of a possibly absent timestamp.
	 * @param timestamp the timestamp or {@code null}
	 * @return the instant or {@code null}
	 */
	static @Nullable Instant valueOf(@Nullable GroupedTimestamp timestamp) {
		return (timestamp != null) ? timestamp.value() : null;
	}

}
