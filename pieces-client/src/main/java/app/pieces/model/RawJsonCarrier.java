package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A model that keeps the raw JSON it was decoded from, with the fields the record does not model (the mapper from
 * {@link PiecesJson} fills it in after decoding): what the client sends back to Pieces OS when it changes an item,
 * so that nothing Pieces OS knows is lost.
 *
 * @param <T> the model type
 */
public interface RawJsonCarrier<T> {

	/**
	 * Return the JSON this model was decoded from.
	 * @return the raw JSON, or {@code null} when built in code or decoded without {@link PiecesJson#module()}
	 */
	@Nullable RawJson rawJson();

	/**
	 * Return the full JSON of this model, including fields the record does not model: the JSON it was decoded
	 * from when available, otherwise the record written as JSON. Each call returns a fresh tree.
	 * @return the JSON tree
	 */
	@JsonIgnore
	default JsonNode raw() {
		RawJson rawJson = rawJson();
		return (rawJson != null) ? rawJson.toJsonNode() : PiecesJson.mapper().valueToTree(this);
	}

	/**
	 * Return a copy of this model carrying the given raw JSON.
	 * @param rawJson the JSON this model was decoded from
	 * @return a copy with the raw JSON
	 */
	T withRawJson(RawJson rawJson);

}
