package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One piece of context for a question: inline content, a stored asset, an anchor or a path.
 *
 * @param seed inline content
 * @param id an id, if any
 * @param path a file path
 * @param asset a stored asset (not modelled)
 * @param anchor an anchor (not modelled)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RelevantQGPTSeed(
		@JsonProperty("seed") @Nullable Seed seed,
		@JsonProperty("id") @Nullable String id,
		@JsonProperty("path") @Nullable String path,
		@JsonProperty("asset") @Nullable JsonNode asset,
		@JsonProperty("anchor") @Nullable JsonNode anchor) {

}
