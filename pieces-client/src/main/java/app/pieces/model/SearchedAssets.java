package app.pieces.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a search ({@code SearchedAssets}).
 *
 * @param iterable the hits
 * @param exact how many hits are exact
 * @param suggested how many hits are suggested (fuzzy)
 * @param schema the schema version, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchedAssets(
		@JsonProperty("iterable") List<SearchedAsset> iterable,
		@JsonProperty("exact") double exact,
		@JsonProperty("suggested") double suggested,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: normalise an absent list to an empty one.
	 * @param iterable the hits (never {@code null})
	 * @param exact how many hits are exact
	 * @param suggested how many hits are suggested
	 * @param schema the schema version, if sent
	 */
	public SearchedAssets {
		iterable = ModelSupport.list(iterable);
	}

}
