package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The application description sent to {@code POST /connect} inside a {@link SeededConnectorConnection}.
 *
 * @param name the application name, e.g. {@code OPEN_SOURCE}
 * @param platform the platform the client runs on
 * @param version the client version
 * @param privacy the privacy setting, if any
 * @param capabilities the processing capabilities, if any
 * @param automaticUnload whether models may be unloaded automatically, if set
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeededTrackedApplication(
		@JsonProperty("name") @Nullable String name,
		@JsonProperty("platform") @Nullable PlatformEnum platform,
		@JsonProperty("version") @Nullable String version,
		@JsonProperty("privacy") @Nullable PrivacyEnum privacy,
		@JsonProperty("capabilities") @Nullable CapabilitiesEnum capabilities,
		@JsonProperty("automaticUnload") @Nullable Boolean automaticUnload) {

	/**
	 * Create an application description with name, platform and version only.
	 * @param name the application name
	 * @param platform the platform
	 * @param version the client version
	 * @return the description
	 */
	public static SeededTrackedApplication of(String name, PlatformEnum platform, String version) {
		return new SeededTrackedApplication(name, platform, version, null, null, null);
	}

}
