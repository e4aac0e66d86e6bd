package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Response of a relevance request ({@code POST /qgpt/relevance}, or the {@code relevance} of a stream frame): the
 * relevant context and, if requested with {@code options.question}, the answer.
 *
 * @param relevant the relevant context (never {@code null}; empty when nothing was relevant)
 * @param answer the answer, if requested
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QGPTRelevanceOutput(
		@JsonProperty("relevant") RelevantQGPTSeeds relevant,
		@JsonProperty("answer") @Nullable QGPTQuestionOutput answer) {

	/**
	 * Create an instance: normalise an absent {@code relevant} to an empty list.
	 * @param relevant the relevant context
	 * @param answer the answer, if requested
	 */
	public QGPTRelevanceOutput {
		relevant = (relevant != null) ? relevant : RelevantQGPTSeeds.none();
	}

}
