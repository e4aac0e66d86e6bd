package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Request body of {@code POST /conversations/create}.
 *
 * @param type the conversation type (required by Pieces OS; {@code COPILOT} for chats)
 * @param name the conversation name
 * @param favorited whether the conversation is a favourite
 * @param pipeline the prompt pipeline
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeededConversation(
		@JsonProperty("type") @Nullable ConversationTypeEnum type,
		@JsonProperty("name") @Nullable String name,
		@JsonProperty("favorited") @Nullable Boolean favorited,
		@JsonProperty("pipeline") @Nullable QGPTPromptPipeline pipeline) {

	/**
	 * Create a copilot conversation with the given name.
	 * @param name the name
	 * @return the seeded conversation
	 */
	public static SeededConversation copilot(String name) {
		return new SeededConversation(ConversationTypeEnum.COPILOT, name, null, null);
	}

}
