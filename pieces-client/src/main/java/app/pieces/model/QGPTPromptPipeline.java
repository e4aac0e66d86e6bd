package app.pieces.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Selects the prompt pipeline Pieces OS uses to answer.
 *
 * @param conversation a conversation pipeline
 * @param task a task pipeline
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QGPTPromptPipeline(
		@JsonProperty("conversation") @Nullable QGPTConversationPipeline conversation,
		@JsonProperty("task") @Nullable QGPTTaskPipeline task) {

	/**
	 * Return the pipeline {@code {"conversation":{"generalized_code_dialog":{}}}}.
	 * @return the pipeline
	 */
	public static QGPTPromptPipeline generalizedCodeDialog() {
		return new QGPTPromptPipeline(new QGPTConversationPipeline(null, null, null, Map.of()), null);
	}

	/**
	 * Return the pipeline {@code {"conversation":{"contextualized_code_workstream_dialog":{}}}} (long-term
	 * memory).
	 * @return the pipeline
	 */
	public static QGPTPromptPipeline contextualizedCodeWorkstreamDialog() {
		return new QGPTPromptPipeline(new QGPTConversationPipeline(null, null, Map.of(), null), null);
	}

}
