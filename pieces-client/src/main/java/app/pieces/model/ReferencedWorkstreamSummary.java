package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A reference to a workstream summary.
 *
 * @param id the summary id
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferencedWorkstreamSummary(
		@JsonProperty("id") String id,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param id the summary id
	 * @param schema the schema version of this object, if sent
	 */
	public ReferencedWorkstreamSummary {
		ModelSupport.required(id, "ReferencedWorkstreamSummary", "id");
	}

}
