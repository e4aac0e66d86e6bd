package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A reference to a machine-learning model.
 *
 * @param id the model id
 * @param reference the model, if included
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferencedModel(
		@JsonProperty("id") String id,
		@JsonProperty("reference") @Nullable Model reference,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param id the model id
	 * @param reference the model, if included
	 * @param schema the schema version of this object, if sent
	 */
	public ReferencedModel {
		ModelSupport.required(id, "ReferencedModel", "id");
	}

}
