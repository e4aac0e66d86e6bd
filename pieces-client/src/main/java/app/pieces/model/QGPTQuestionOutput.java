package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Answers to a question (REST {@code POST /qgpt/question} or the {@code question} of a stream frame).
 *
 * @param answers the answers
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QGPTQuestionOutput(
		@JsonProperty("answers") @Nullable QGPTQuestionAnswers answers) {

	/**
	 * Return the concatenated text of all answers, or an empty string.
	 * @return the text
	 */
	public String text() {
		if (this.answers == null) {
			return "";
		}
		StringBuilder text = new StringBuilder();
		for (QGPTQuestionAnswer answer : this.answers.iterable()) {
			if (answer.text() != null) {
				text.append(answer.text());
			}
		}
		return text.toString();
	}

}
