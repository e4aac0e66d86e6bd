package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One answer (or, on {@code /qgpt/stream}, one chunk of an answer).
 *
 * @param text the text
 * @param score the score between 0 and 1
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QGPTQuestionAnswer(
		@JsonProperty("text") @Nullable String text,
		@JsonProperty("score") @Nullable Double score) {

}
