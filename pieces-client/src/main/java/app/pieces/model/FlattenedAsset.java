package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The flattened form of an asset found inside references (nested objects are ids only). Only the common scalar fields
 * are modelled.
 *
 * @param id the asset id
 * @param name the asset name
 * @param creator the id of the creating user
 * @param mechanism how the asset was created
 * @param created when the asset was created
 * @param updated when the asset was last updated
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlattenedAsset(
		@JsonProperty("id") String id,
		@JsonProperty("name") @Nullable String name,
		@JsonProperty("creator") @Nullable String creator,
		@JsonProperty("mechanism") @Nullable MechanismEnum mechanism,
		@JsonProperty("created") @Nullable GroupedTimestamp created,
		@JsonProperty("updated") @Nullable GroupedTimestamp updated,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param id the asset id
	 * @param name the asset name
	 * @param creator the id of the creating user
	 * @param mechanism how the asset was created
	 * @param created when the asset was created
	 * @param updated when the asset was last updated
	 * @param schema the schema version of this object, if sent
	 */
	public FlattenedAsset {
		ModelSupport.required(id, "FlattenedAsset", "id");
	}

}
