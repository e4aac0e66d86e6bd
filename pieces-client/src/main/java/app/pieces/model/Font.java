package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Font preference of a user ({@code aesthetics.font}).
 *
 * @param size the font size
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Font(
		@JsonProperty("size") @Nullable Integer size,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

}
