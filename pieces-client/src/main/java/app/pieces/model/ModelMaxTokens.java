package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Token limits of a model.
 *
 * @param total total context size
 * @param input maximum input tokens
 * @param output maximum output tokens
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMaxTokens(
		@JsonProperty("total") @Nullable Long total,
		@JsonProperty("input") @Nullable Long input,
		@JsonProperty("output") @Nullable Long output) {

}
