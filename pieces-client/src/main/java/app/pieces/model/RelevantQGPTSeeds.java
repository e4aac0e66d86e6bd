package app.pieces.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Context pieces for a question.
 *
 * @param iterable the context pieces (never {@code null})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RelevantQGPTSeeds(
		@JsonProperty("iterable") List<RelevantQGPTSeed> iterable) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param iterable the context pieces (never {@code null})
	 */
	public RelevantQGPTSeeds {
		iterable = ModelSupport.list(iterable);
	}

}
