package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Inline content given to Pieces OS (e.g. a snippet used as question context).
 *
 * @param type the seed type, e.g. {@code SEEDED_ASSET}
 * @param asset the seeded asset
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Seed(
		@JsonProperty("type") @Nullable String type,
		@JsonProperty("asset") @Nullable SeededAsset asset) {

}
