package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A reference to a time range.
 *
 * @param id the range id
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferencedRange(
		@JsonProperty("id") String id,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param id the range id
	 * @param schema the schema version of this object, if sent
	 */
	public ReferencedRange {
		ModelSupport.required(id, "ReferencedRange", "id");
	}

}
