package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Classification of a format: {@code generic} (e.g. {@code CODE}) and {@code specific} (a lower-case file extension
 * such as {@code java}).
 *
 * @param generic the generic classification, e.g. {@code CODE} or {@code TEXT}
 * @param specific the specific classification, a file extension such as {@code java} or {@code py}
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Classification(
		@JsonProperty("generic") @Nullable String generic,
		@JsonProperty("specific") @Nullable String specific,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

}
