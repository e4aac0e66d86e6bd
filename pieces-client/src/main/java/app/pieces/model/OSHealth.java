package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Identity and version of the Pieces OS instance ({@code health.os} of a {@link Context}).
 *
 * @param id the Pieces OS instance id
 * @param version the Pieces OS version
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OSHealth(
		@JsonProperty("id") @Nullable String id,
		@JsonProperty("version") @Nullable String version,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

}
