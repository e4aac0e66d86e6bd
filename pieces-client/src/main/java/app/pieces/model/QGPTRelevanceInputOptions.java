package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Options of a {@link QGPTRelevanceInput}.
 *
 * @param question {@code true} to answer the question in the same call
 * @param database whether to search the database
 * @param pipeline the prompt pipeline
 * @param behavior the behaviour settings (not modelled)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QGPTRelevanceInputOptions(
		@JsonProperty("question") @Nullable Boolean question,
		@JsonProperty("database") @Nullable Boolean database,
		@JsonProperty("pipeline") @Nullable QGPTPromptPipeline pipeline,
		@JsonProperty("behavior") @Nullable JsonNode behavior) {

}
