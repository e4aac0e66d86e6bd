package app.pieces.model;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Response of {@code GET /models}.
 *
 * @param iterable the models (never {@code null})
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Models(
		@JsonProperty("iterable") List<Model> iterable,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param iterable the models (never {@code null})
	 * @param schema the schema version of this object, if sent
	 */
	public Models {
		iterable = ModelSupport.list(iterable);
	}

	/**
	 * Find a model by its exact name.
	 * @param name the name, e.g. {@code GPT-3.5-turbo Chat Model}
	 * @return the first model with that name
	 */
	public Optional<Model> findByName(String name) {
		return this.iterable.stream().filter((model) -> name.equals(model.name())).findFirst();
	}

	/**
	 * Find a model by id.
	 * @param id the model id
	 * @return the model with that id
	 */
	public Optional<Model> findById(String id) {
		return this.iterable.stream().filter((model) -> id.equals(model.id())).findFirst();
	}

}
