package app.pieces.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answers of a question.
 *
 * @param iterable the answers (never {@code null})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QGPTQuestionAnswers(
		@JsonProperty("iterable") List<QGPTQuestionAnswer> iterable) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param iterable the answers (never {@code null})
	 */
	public QGPTQuestionAnswers {
		iterable = ModelSupport.list(iterable);
	}

}
