package app.pieces.model;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One piece of context for a question: inline content, a stored asset, an anchor or a path. {@code POST
 * /qgpt/relevance} returns these; {@code POST /qgpt/question} (and question mode on {@code /qgpt/stream}) takes
 * them, each with at least a {@code seed} or an {@code id}.
 *
 * @param seed inline content
 * @param id an id, e.g. one returned by {@code POST /qgpt/relevance}
 * @param path a file path
 * @param asset a stored asset
 * @param anchor an anchor
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RelevantQGPTSeed(
		@JsonProperty("seed") @Nullable Seed seed,
		@JsonProperty("id") @Nullable String id,
		@JsonProperty("path") @Nullable String path,
		@JsonProperty("asset") @Nullable ReferencedAsset asset,
		@JsonProperty("anchor") @Nullable ReferencedAnchor anchor,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create context that refers to a stored asset by id.
	 * @param assetId the asset id
	 * @return the relevant seed
	 */
	public static RelevantQGPTSeed ofAsset(String assetId) {
		return new RelevantQGPTSeed(null, assetId, null, ReferencedAsset.of(assetId), null, null);
	}

	/**
	 * Create context from inline content.
	 * @param seed the content
	 * @return the relevant seed
	 */
	public static RelevantQGPTSeed ofSeed(Seed seed) {
		return new RelevantQGPTSeed(seed, null, null, null, null, null);
	}

	/**
	 * Return the inline text of this context ({@code seed.asset.format.fragment.string.raw}).
	 * @return the text, empty if the seed carries none
	 */
	public Optional<String> text() {
		return (this.seed != null) ? this.seed.text() : Optional.empty();
	}

}
