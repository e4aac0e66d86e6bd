package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An asset to seed, e.g. an inline snippet given as question context.
 *
 * @param application the application the content comes from
 * @param format the content
 * @param metadata metadata (not modelled)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeededAsset(
		@JsonProperty("application") @Nullable Application application,
		@JsonProperty("format") @Nullable SeededFormat format,
		@JsonProperty("metadata") @Nullable JsonNode metadata) {

}
