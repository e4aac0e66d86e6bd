package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A reference to an asset: its id and, optionally, a flattened copy. This is what identifier streams carry.
 *
 * @param id the asset id
 * @param reference a flattened copy, if included
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferencedAsset(
		@JsonProperty("id") String id,
		@JsonProperty("reference") @Nullable FlattenedAsset reference,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param id the asset id
	 * @param reference a flattened copy, if included
	 * @param schema the schema version of this object, if sent
	 */
	public ReferencedAsset {
		ModelSupport.required(id, "ReferencedAsset", "id");
	}

	/**
	 * Create a reference holding only the id.
	 * @param id the asset id
	 * @return the reference
	 */
	public static ReferencedAsset of(String id) {
		return new ReferencedAsset(id, null, null);
	}

}
