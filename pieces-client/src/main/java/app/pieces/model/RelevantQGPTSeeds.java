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

	/**
	 * Create a list of context pieces.
	 * @param seeds the context pieces
	 * @return the list
	 */
	public static RelevantQGPTSeeds of(List<RelevantQGPTSeed> seeds) {
		return new RelevantQGPTSeeds(seeds);
	}

	/**
	 * Create an empty list: a question without context.
	 * @return the empty list
	 */
	public static RelevantQGPTSeeds none() {
		return new RelevantQGPTSeeds(List.of());
	}

}
