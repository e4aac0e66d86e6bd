package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One search hit ({@code SearchedAsset}).
 *
 * @param identifier the id of the asset found
 * @param asset the asset itself, when the search returns it ({@code GET /assets/search} does)
 * @param exact whether the hit is exact rather than suggested (fuzzy)
 * @param match what matched
 * @param score how well it matched; higher is better
 * @param pseudo whether the asset is a pseudo asset
 * @param schema the schema version, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchedAsset(
		@JsonProperty("identifier") String identifier,
		@JsonProperty("asset") @Nullable Asset asset,
		@JsonProperty("exact") boolean exact,
		@JsonProperty("match") @Nullable SearchedMatchEnum match,
		@JsonProperty("score") double score,
		@JsonProperty("pseudo") @Nullable Boolean pseudo,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate the required identifier.
	 * @param identifier the id of the asset found
	 * @param asset the asset itself, if returned
	 * @param exact whether the hit is exact
	 * @param match what matched
	 * @param score how well it matched
	 * @param pseudo whether the asset is a pseudo asset
	 * @param schema the schema version, if sent
	 */
	public SearchedAsset {
		ModelSupport.required(identifier, "SearchedAsset", "identifier");
	}

}
