package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Theme preference of a user ({@code aesthetics.theme}).
 *
 * @param dark whether the dark theme is on
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Theme(
		@JsonProperty("dark") @Nullable Boolean dark,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

}
