package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Health section of a {@link Context}.
 *
 * @param os the Pieces OS identity and version
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Health(
		@JsonProperty("os") @Nullable OSHealth os,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

}
