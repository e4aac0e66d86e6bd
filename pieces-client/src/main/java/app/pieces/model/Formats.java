package app.pieces.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The formats of an asset.
 *
 * @param iterable the formats (never {@code null})
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Formats(
		@JsonProperty("iterable") List<Format> iterable,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param iterable the formats (never {@code null})
	 * @param schema the schema version of this object, if sent
	 */
	public Formats {
		iterable = ModelSupport.list(iterable);
	}

}
