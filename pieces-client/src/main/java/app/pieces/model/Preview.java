package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The formats used to preview an asset.
 *
 * @param base the base format
 * @param overlay the overlay format, if any
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Preview(
		@JsonProperty("base") @Nullable ReferencedFormat base,
		@JsonProperty("overlay") @Nullable ReferencedFormat overlay,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

}
