package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Status of the long-term-memory vision processor.
 *
 * @param activation when it was activated; present means enabled
 * @param deactivation when it was deactivated
 * @param degraded whether it runs degraded
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkstreamPatternEngineVisionStatus(
		@JsonProperty("activation") @Nullable AnonymousTemporalRange activation,
		@JsonProperty("deactivation") @Nullable AnonymousTemporalRange deactivation,
		@JsonProperty("degraded") @Nullable Boolean degraded,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

}
