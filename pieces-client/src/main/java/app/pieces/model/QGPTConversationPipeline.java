package app.pieces.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Conversation pipelines of a {@link QGPTPromptPipeline}; each is an (almost) empty object whose presence selects it.
 *
 * @param contextualizedCodeDialog selects the contextualized code dialog
 * @param contextualizedCodeGeneration selects contextualized code generation
 * @param contextualizedCodeWorkstreamDialog selects the workstream (LTM) dialog
 * @param generalizedCodeDialog selects the generalized code dialog
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QGPTConversationPipeline(
		@JsonProperty("contextualized_code_dialog") @Nullable Map<String, Object> contextualizedCodeDialog,
		@JsonProperty("contextualized_code_generation") @Nullable Map<String, Object> contextualizedCodeGeneration,
		@JsonProperty("contextualized_code_workstream_dialog")
		@Nullable Map<String, Object> contextualizedCodeWorkstreamDialog,
		@JsonProperty("generalized_code_dialog") @Nullable Map<String, Object> generalizedCodeDialog) {

}
