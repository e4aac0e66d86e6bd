package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Status of the workstream pattern engine (long-term memory).
 *
 * @param vision the vision processor status
 * @param clipboard the clipboard processor status (not modelled)
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkstreamPatternEngineStatus(
		@JsonProperty("vision") @Nullable WorkstreamPatternEngineVisionStatus vision,
		@JsonProperty("clipboard") @Nullable JsonNode clipboard,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Return whether long-term memory is enabled ({@code vision.activation} present), as the official client
	 * decides it.
	 * @return {@code true} if enabled
	 */
	@JsonIgnore
	public boolean isVisionEnabled() {
		return this.vision != null && this.vision.activation() != null;
	}

}
