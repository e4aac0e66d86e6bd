package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One item of an identifier stream frame: exactly one reference is set (the one matching the stream), optionally {@code
 * deleted} and {@code updated}.
 *
 * @param asset the asset, on the assets stream
 * @param conversation the conversation, on the conversations stream
 * @param anchor the anchor, on the anchors stream
 * @param range the range, on the ranges stream
 * @param workstreamSummary the summary, on the workstream summaries stream
 * @param model the model, on the models stream
 * @param deleted {@code true} when the object was deleted
 * @param updated when the object was last updated, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamedIdentifier(
		@JsonProperty("asset") @Nullable ReferencedAsset asset,
		@JsonProperty("conversation") @Nullable ReferencedConversation conversation,
		@JsonProperty("anchor") @Nullable ReferencedAnchor anchor,
		@JsonProperty("range") @Nullable ReferencedRange range,
		@JsonProperty("workstream_summary") @Nullable ReferencedWorkstreamSummary workstreamSummary,
		@JsonProperty("model") @Nullable ReferencedModel model,
		@JsonProperty("deleted") @Nullable Boolean deleted,
		@JsonProperty("updated") @Nullable GroupedTimestamp updated) {

	/**
	 * Return whether this item announces a deletion.
	 * @return {@code true} if {@code deleted} is {@code true}
	 */
	public boolean isDeleted() {
		return Boolean.TRUE.equals(this.deleted);
	}

}
