package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A reference to a conversation: its id and, optionally, a flattened copy.
 *
 * @param id the conversation id
 * @param reference a flattened copy, if included
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferencedConversation(
		@JsonProperty("id") String id,
		@JsonProperty("reference") @Nullable FlattenedConversation reference,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param id the conversation id
	 * @param reference a flattened copy, if included
	 * @param schema the schema version of this object, if sent
	 */
	public ReferencedConversation {
		ModelSupport.required(id, "ReferencedConversation", "id");
	}

	/**
	 * Create a reference holding only the id.
	 * @param id the conversation id
	 * @return the reference
	 */
	public static ReferencedConversation of(String id) {
		return new ReferencedConversation(id, null, null);
	}

}
