package app.pieces.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Task pipelines of a {@link QGPTPromptPipeline}; each is an (almost) empty object whose presence selects it.
 *
 * @param codeCommentation selects code commentation
 * @param codeCompletion selects code completion
 * @param codeExplanation selects code explanation
 * @param codeFix selects code fix
 * @param codeModification selects code modification
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QGPTTaskPipeline(
		@JsonProperty("code_commentation") @Nullable Map<String, Object> codeCommentation,
		@JsonProperty("code_completion") @Nullable Map<String, Object> codeCompletion,
		@JsonProperty("code_explanation") @Nullable Map<String, Object> codeExplanation,
		@JsonProperty("code_fix") @Nullable Map<String, Object> codeFix,
		@JsonProperty("code_modification") @Nullable Map<String, Object> codeModification) {

}
