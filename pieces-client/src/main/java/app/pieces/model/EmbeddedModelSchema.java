package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Schema version attached to most Pieces OS objects ({@code schema} on the wire).
 *
 * @param migration the migration number
 * @param semantic the semantic schema version
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmbeddedModelSchema(
		@JsonProperty("migration") @Nullable Integer migration,
		@JsonProperty("semantic") @Nullable EmbeddedModelSchemaSemanticVersion semantic) {

}
