package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Response of {@code POST /connect}: the registered application, the Pieces OS identity and the user, if signed in.
 *
 * @param application the registered application (its id becomes the {@code application} header)
 * @param health the Pieces OS identity and version
 * @param os the Pieces OS instance id
 * @param user the signed-in user, {@code null} when signed out
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Context(
		@JsonProperty("application") Application application,
		@JsonProperty("health") @Nullable Health health,
		@JsonProperty("os") @Nullable String os,
		@JsonProperty("user") @Nullable UserProfile user,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param application the registered application (its id becomes the {@code application} header)
	 * @param health the Pieces OS identity and version
	 * @param os the Pieces OS instance id
	 * @param user the signed-in user, {@code null} when signed out
	 * @param schema the schema version of this object, if sent
	 */
	public Context {
		ModelSupport.required(application, "Context", "application");
	}

}
