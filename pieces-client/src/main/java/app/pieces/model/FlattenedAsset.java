package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The flattened form of an asset found inside references (nested objects are ids only). The common scalar fields
 * are modelled; {@code formats}, {@code original} and {@code preview}, which Pieces OS requires when the reference
 * is sent back (e.g. a relevance answer's seed in a question), are kept as they came.
 *
 * @param id the asset id
 * @param name the asset name
 * @param creator the id of the creating user
 * @param mechanism how the asset was created
 * @param created when the asset was created
 * @param updated when the asset was last updated
 * @param formats the ids of the asset's formats ({@code FlattenedFormats}), verbatim
 * @param original the id of the original format
 * @param preview the ids of the preview formats ({@code FlattenedPreview}), verbatim
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
		@JsonProperty("formats") @Nullable JsonNode formats,
		@JsonProperty("original") @Nullable String original,
		@JsonProperty("preview") @Nullable JsonNode preview,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance and validate the required id.
	 * @param id the asset id
	 * @param name the asset name
	 * @param creator the id of the creating user
	 * @param mechanism how the asset was created
	 * @param created when the asset was created
	 * @param updated when the asset was last updated
	 * @param formats the ids of the asset's formats, verbatim
	 * @param original the id of the original format
	 * @param preview the ids of the preview formats, verbatim
	 * @param schema the schema version of this object, if sent
	 */
	public FlattenedAsset {
		ModelSupport.required(id, "FlattenedAsset", "id");
	}

}
