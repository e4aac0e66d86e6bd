package app.pieces.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A collection of asset references with optional positions ({@code indices}: id to index, where -1 marks a deleted
 * member).
 *
 * @param iterable the references (never {@code null})
 * @param indices position by id (never {@code null}, may be empty)
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlattenedAssets(
		@JsonProperty("iterable") List<ReferencedAsset> iterable,
		@JsonProperty("indices") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> indices,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param iterable the references (never {@code null})
	 * @param indices position by id (never {@code null}, may be empty)
	 * @param schema the schema version of this object, if sent
	 */
	public FlattenedAssets {
		iterable = ModelSupport.list(iterable);
		indices = ModelSupport.map(indices);
	}

	/**
	 * Create a collection of references to the given asset ids.
	 * @param ids the asset ids
	 * @return the collection
	 */
	public static FlattenedAssets of(List<String> ids) {
		return new FlattenedAssets(ids.stream().map(ReferencedAsset::of).toList(), Map.of(), null);
	}

}
