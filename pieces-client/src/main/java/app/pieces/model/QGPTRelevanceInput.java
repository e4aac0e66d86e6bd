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

}
