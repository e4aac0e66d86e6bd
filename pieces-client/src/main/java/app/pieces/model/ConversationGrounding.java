package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What a conversation is grounded in: here its time ranges of the workstream ({@code temporal.workstreams}); the
 * other parts of Pieces OS's {@code ConversationGrounding} stay in the conversation's raw JSON.
 *
 * @param temporal the time ranges, if any
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationGrounding(@JsonProperty("temporal") @Nullable Temporal temporal) {

	/**
	 * The time ranges a conversation is grounded in ({@code TemporalRangeGrounding}).
	 *
	 * @param workstreams the ranges
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Temporal(@JsonProperty("workstreams") @Nullable FlattenedReferences<ReferencedRange> workstreams) {

	}

}
