package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Usage counters of an asset.
 *
 * @param manual manual score
 * @param automatic automatic score
 * @param reuse reuse count
 * @param update update count
 * @param reference reference count
 * @param searched search count
 * @param priority priority
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Score(
		@JsonProperty("manual") @Nullable Long manual,
		@JsonProperty("automatic") @Nullable Long automatic,
		@JsonProperty("reuse") @Nullable Long reuse,
		@JsonProperty("update") @Nullable Long update,
		@JsonProperty("reference") @Nullable Long reference,
		@JsonProperty("searched") @Nullable Long searched,
		@JsonProperty("priority") @Nullable Long priority) {

}
