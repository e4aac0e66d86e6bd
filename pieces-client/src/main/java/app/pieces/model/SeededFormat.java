package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A format to seed (inline content rather than a stored asset).
 *
 * @param fragment the text content
 * @param file file content (not modelled)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeededFormat(
		@JsonProperty("fragment") @Nullable FragmentFormat fragment,
		@JsonProperty("file") @Nullable JsonNode file) {

}
