package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Question-mode request: the caller supplies the relevant context.
 *
 * @param query the question
 * @param relevant the relevant context
 * @param application the application id
 * @param model the model id
 * @param pipeline the prompt pipeline
 * @param messages previous conversation messages
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QGPTQuestionInput(
		@JsonProperty("query") @Nullable String query,
		@JsonProperty("relevant") @Nullable RelevantQGPTSeeds relevant,
		@JsonProperty("application") @Nullable String application,
		@JsonProperty("model") @Nullable String model,
		@JsonProperty("pipeline") @Nullable QGPTPromptPipeline pipeline,
		@JsonProperty("messages") @Nullable FlattenedConversationMessages messages) {

}
