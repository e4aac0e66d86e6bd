package app.pieces.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The messages of a conversation ({@code ConversationMessages}).
 *
 * @param iterable the messages
 * @param indices the position of each message by id; {@code -1} for a deleted one
 * @param schema the schema version, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationMessages(
		@JsonProperty("iterable") List<ConversationMessage> iterable,
		@JsonProperty("indices") Map<String, Integer> indices,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: normalise absent collections to empty ones.
	 * @param iterable the messages (never {@code null})
	 * @param indices the positions by id (never {@code null})
	 * @param schema the schema version, if sent
	 */
	public ConversationMessages {
		iterable = ModelSupport.list(iterable);
		indices = ModelSupport.map(indices);
	}

}
