package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Display preferences of a user.
 *
 * @param theme the theme
 * @param font the font
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Aesthetics(
		@JsonProperty("theme") @Nullable Theme theme,
		@JsonProperty("font") @Nullable Font font,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

}
