package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A reference to an anchor (a file or folder Pieces OS tracks).
 *
 * @param id the anchor id
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferencedAnchor(
		@JsonProperty("id") String id,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param id the anchor id
	 * @param schema the schema version of this object, if sent
	 */
	public ReferencedAnchor {
		ModelSupport.required(id, "ReferencedAnchor", "id");
	}

}
