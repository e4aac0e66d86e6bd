package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Request body of {@code POST /connect}.
 *
 * @param application the application to register
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeededConnectorConnection(
		@JsonProperty("application") SeededTrackedApplication application) {

	/**
	 * Validate required fields and normalise absent collections to empty ones.
	 */
	public SeededConnectorConnection {
		ModelSupport.required(application, "SeededConnectorConnection", "application");
	}

}
