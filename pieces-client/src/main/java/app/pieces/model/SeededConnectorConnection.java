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
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param application the application to register
	 */
	public SeededConnectorConnection {
		ModelSupport.required(application, "SeededConnectorConnection", "application");
	}

}
