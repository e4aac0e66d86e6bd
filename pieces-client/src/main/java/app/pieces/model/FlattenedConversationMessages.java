package app.pieces.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The messages of a conversation as references with positions ({@code indices}: id to index, -1 marks a deleted
 * message).
 *
 * @param iterable the message references (never {@code null})
 * @param indices position by message id (never {@code null}, may be empty)
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlattenedConversationMessages(
		@JsonProperty("iterable") List<ReferencedConversationMessage> iterable,
		@JsonProperty("indices") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> indices,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param iterable the message references (never {@code null})
	 * @param indices position by message id (never {@code null}, may be empty)
	 * @param schema the schema version of this object, if sent
	 */
	public FlattenedConversationMessages {
		iterable = ModelSupport.list(iterable);
		indices = ModelSupport.map(indices);
	}

}
