package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An application registered with Pieces OS (the result of {@code POST /connect}, or the creator of a format).
 *
 * @param id the application id; sent as the {@code application} header after connecting
 * @param name the application name (an {@code ApplicationNameEnum} value such as {@code OPEN_SOURCE} or {@code
 * VS_CODE})
 * @param version the application version
 * @param platform the platform
 * @param onboarded whether the application was onboarded
 * @param privacy the privacy setting
 * @param capabilities the processing capabilities
 * @param mechanism how the application was registered
 * @param automaticUnload whether models are unloaded automatically
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Application(
		@JsonProperty("id") String id,
		@JsonProperty("name") @Nullable String name,
		@JsonProperty("version") @Nullable String version,
		@JsonProperty("platform") @Nullable PlatformEnum platform,
		@JsonProperty("onboarded") @Nullable Boolean onboarded,
		@JsonProperty("privacy") @Nullable PrivacyEnum privacy,
		@JsonProperty("capabilities") @Nullable CapabilitiesEnum capabilities,
		@JsonProperty("mechanism") @Nullable MechanismEnum mechanism,
		@JsonProperty("automaticUnload") @Nullable Boolean automaticUnload,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param id the application id; sent as the {@code application} header after connecting
	 * @param name the application name (an {@code ApplicationNameEnum} value such as {@code OPEN_SOURCE} or {@code
	 * VS_CODE})
	 * @param version the application version
	 * @param platform the platform
	 * @param onboarded whether the application was onboarded
	 * @param privacy the privacy setting
	 * @param capabilities the processing capabilities
	 * @param mechanism how the application was registered
	 * @param automaticUnload whether models are unloaded automatically
	 * @param schema the schema version of this object, if sent
	 */
	public Application {
		ModelSupport.required(id, "Application", "id");
	}

}
