package app.pieces.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation ({@code ConversationMessage}; its annotations, anchors, sources and other
 * associations are not modelled).
 *
 * @param id the message id
 * @param role who wrote it
 * @param fragment its text ({@code fragment.string.raw})
 * @param created when it was written
 * @param conversation the conversation it belongs to
 * @param schema the schema version, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationMessage(
		@JsonProperty("id") String id,
		@JsonProperty("role") @Nullable QGPTConversationMessageRoleEnum role,
		@JsonProperty("fragment") @Nullable FragmentFormat fragment,
		@JsonProperty("created") @Nullable GroupedTimestamp created,
		@JsonProperty("conversation") @Nullable ReferencedConversation conversation,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate the required id.
	 * @param id the message id
	 * @param role who wrote it
	 * @param fragment its text
	 * @param created when it was written
	 * @param conversation the conversation it belongs to
	 * @param schema the schema version, if sent
	 */
	public ConversationMessage {
		ModelSupport.required(id, "ConversationMessage", "id");
	}

	/**
	 * Return the text of the message.
	 * @return the text, empty if it carries none
	 */
	@JsonIgnore
	public String text() {
		TransferableString string = (this.fragment != null) ? this.fragment.string() : null;
		String raw = (string != null) ? string.raw() : null;
		return (raw != null) ? raw : "";
	}

	/**
	 * Return when the message was written.
	 * @return the instant, or {@code null} if unknown
	 */
	@JsonIgnore
	public @Nullable Instant createdAt() {
		return GroupedTimestamp.valueOf(this.created);
	}

}
