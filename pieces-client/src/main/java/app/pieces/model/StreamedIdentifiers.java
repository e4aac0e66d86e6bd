package app.pieces.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One frame of an identifier stream ({@code /assets/stream/identifiers}, {@code /conversations/stream/identifiers},
 * ...). The first frame after connecting lists every id; later frames are deltas.
 *
 * @param iterable the items (never {@code null})
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamedIdentifiers(
		@JsonProperty("iterable") List<StreamedIdentifier> iterable,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param iterable the items (never {@code null})
	 * @param schema the schema version of this object, if sent
	 */
	public StreamedIdentifiers {
		iterable = ModelSupport.list(iterable);
	}

}
