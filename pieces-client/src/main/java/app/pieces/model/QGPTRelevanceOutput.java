package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Response of a relevance request: the relevant context and, if requested, the answer.
 *
 * @param relevant the relevant context
 * @param answer the answer, if requested
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QGPTRelevanceOutput(
		@JsonProperty("relevant") @Nullable RelevantQGPTSeeds relevant,
		@JsonProperty("answer") @Nullable QGPTQuestionOutput answer) {

}
