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

	/**
	 * Create a question with the given context, e.g. the {@link QGPTRelevanceOutput#relevant() relevant} seeds
	 * of a {@code POST /qgpt/relevance} call.
	 * @param query the question
	 * @param relevant the context ({@link RelevantQGPTSeeds#none()} for none)
	 * @return the input
	 */
	public static QGPTQuestionInput of(String query, RelevantQGPTSeeds relevant) {
		return new QGPTQuestionInput(query, relevant, null, null, null, null);
	}

	/**
	 * Return a copy that asks the given model.
	 * @param modelId the model id (see {@code GET /models}), or {@code null} for the Pieces OS default
	 * @return the copy
	 */
	public QGPTQuestionInput withModel(@Nullable String modelId) {
		return new QGPTQuestionInput(this.query, this.relevant, this.application, modelId, this.pipeline,
				this.messages);
	}

	/**
	 * Return a copy on behalf of the given application.
	 * @param applicationId the application id (from {@code POST /connect}), or {@code null}
	 * @return the copy
	 */
	public QGPTQuestionInput withApplication(@Nullable String applicationId) {
		return new QGPTQuestionInput(this.query, this.relevant, applicationId, this.model, this.pipeline,
				this.messages);
	}

}
