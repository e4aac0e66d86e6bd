package app.pieces.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Relevance-mode request (REST {@code POST /qgpt/relevance} or the {@code relevance} of a stream input).
 *
 * @param query the question
 * @param application the application id
 * @param model the model id
 * @param options the options
 * @param assets assets to use as context
 * @param messages conversation messages to use as context
 * @param paths file or folder paths to use as context
 * @param anchors anchors to use as context (not modelled)
 * @param seeds seeds to use as context (not modelled)
 * @param temporal temporal (long-term memory) grounding (not modelled)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QGPTRelevanceInput(
		@JsonProperty("query") @Nullable String query,
		@JsonProperty("application") @Nullable String application,
		@JsonProperty("model") @Nullable String model,
		@JsonProperty("options") @Nullable QGPTRelevanceInputOptions options,
		@JsonProperty("assets") @Nullable FlattenedAssets assets,
		@JsonProperty("messages") @Nullable FlattenedConversationMessages messages,
		@JsonProperty("paths") @Nullable List<String> paths,
		@JsonProperty("anchors") @Nullable JsonNode anchors,
		@JsonProperty("seeds") @Nullable JsonNode seeds,
		@JsonProperty("temporal") @Nullable JsonNode temporal) {

	/**
	 * Create a relevance input that also answers the question ({@code options.question = true}), as the official
	 * clients send it.
	 * @param query the question
	 * @param applicationId the application id, or {@code null}
	 * @param modelId the model id, or {@code null}
	 * @return the input
	 */
	public static QGPTRelevanceInput question(String query, @Nullable String applicationId, @Nullable String modelId) {
		return new QGPTRelevanceInput(query, applicationId, modelId,
				new QGPTRelevanceInputOptions(true, null, null, null), null, null, null, null, null, null);
	}

	/**
	 * Create a relevance input for a query, without context or options: add them with the {@code with...}
	 * methods.
	 * @param query the question
	 * @return the input
	 */
	public static QGPTRelevanceInput of(String query) {
		return new QGPTRelevanceInput(query, null, null, null, null, null, null, null, null, null);
	}

	/**
	 * Return a copy that uses the given stored assets as context.
	 * @param assetIds the asset ids
	 * @return the copy
	 */
	public QGPTRelevanceInput withAssets(List<String> assetIds) {
		return new QGPTRelevanceInput(this.query, this.application, this.model, this.options,
				FlattenedAssets.of(assetIds), this.messages, this.paths, this.anchors, this.seeds, this.temporal);
	}

	/**
	 * Return a copy with the given options, e.g. {@code new QGPTRelevanceInputOptions(true, true, null, null)}
	 * to search the whole database and answer the question in the same call.
	 * @param options the options
	 * @return the copy
	 */
	public QGPTRelevanceInput withOptions(@Nullable QGPTRelevanceInputOptions options) {
		return new QGPTRelevanceInput(this.query, this.application, this.model, options, this.assets, this.messages,
				this.paths, this.anchors, this.seeds, this.temporal);
	}

	/**
	 * Return a copy on behalf of the given application.
	 * @param applicationId the application id (from {@code POST /connect}), or {@code null}
	 * @return the copy
	 */
	public QGPTRelevanceInput withApplication(@Nullable String applicationId) {
		return new QGPTRelevanceInput(this.query, applicationId, this.model, this.options, this.assets,
				this.messages, this.paths, this.anchors, this.seeds, this.temporal);
	}

	/**
	 * Return a copy that asks the given model.
	 * @param modelId the model id (see {@code GET /models}), or {@code null} for the Pieces OS default
	 * @return the copy
	 */
	public QGPTRelevanceInput withModel(@Nullable String modelId) {
		return new QGPTRelevanceInput(this.query, this.application, modelId, this.options, this.assets,
				this.messages, this.paths, this.anchors, this.seeds, this.temporal);
	}

}
