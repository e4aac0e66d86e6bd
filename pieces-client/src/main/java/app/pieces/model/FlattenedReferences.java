package app.pieces.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A collection of references with optional positions, the shape Pieces OS gives its {@code Flattened*} models
 * ({@code FlattenedAnchors}, {@code FlattenedRanges}, ...): {@code iterable} of references and {@code indices}
 * (id to index, where -1 marks a deleted member).
 *
 * @param <R> the reference type, e.g. {@link ReferencedAnchor}
 * @param iterable the references (never {@code null})
 * @param indices position by id (never {@code null}, may be empty)
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlattenedReferences<R>(
		@JsonProperty("iterable") List<R> iterable,
		@JsonProperty("indices") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> indices,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: normalise absent collections to empty ones.
	 * @param iterable the references (never {@code null})
	 * @param indices position by id (never {@code null}, may be empty)
	 * @param schema the schema version of this object, if sent
	 */
	public FlattenedReferences {
		iterable = ModelSupport.list(iterable);
		indices = ModelSupport.map(indices);
	}

	/**
	 * Return the number of references.
	 * @return the size
	 */
	@JsonIgnore
	public int size() {
		return this.iterable.size();
	}

}
