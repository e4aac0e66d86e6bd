package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A reference to a format: its id and, optionally, the format itself.
 *
 * @param id the format id
 * @param reference the format, if included
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferencedFormat(
		@JsonProperty("id") String id,
		@JsonProperty("reference") @Nullable Format reference,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param id the format id
	 * @param reference the format, if included
	 * @param schema the schema version of this object, if sent
	 */
	public ReferencedFormat {
		ModelSupport.required(id, "ReferencedFormat", "id");
	}

}
