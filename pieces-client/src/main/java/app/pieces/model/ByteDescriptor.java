package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Size of a format.
 *
 * @param value the size in bytes
 * @param readable the human-readable size
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ByteDescriptor(
		@JsonProperty("value") @Nullable Long value,
		@JsonProperty("readable") @Nullable String readable) {

}
