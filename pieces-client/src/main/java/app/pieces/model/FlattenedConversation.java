package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The flattened form of a conversation found inside references. Only the common scalar fields are modelled.
 *
 * @param id the conversation id
 * @param name the conversation name
 * @param type the conversation type
 * @param created when the conversation was created
 * @param updated when the conversation was last updated
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlattenedConversation(
		@JsonProperty("id") String id,
		@JsonProperty("name") @Nullable String name,
		@JsonProperty("type") @Nullable ConversationTypeEnum type,
		@JsonProperty("created") @Nullable GroupedTimestamp created,
		@JsonProperty("updated") @Nullable GroupedTimestamp updated,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param id the conversation id
	 * @param name the conversation name
	 * @param type the conversation type
	 * @param created when the conversation was created
	 * @param updated when the conversation was last updated
	 * @param schema the schema version of this object, if sent
	 */
	public FlattenedConversation {
		ModelSupport.required(id, "FlattenedConversation", "id");
	}

}
