package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Response of {@code GET /user}: {@code user} is absent or {@code null} when nobody is signed in.
 *
 * @param user the signed-in user, {@code null} when signed out
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReturnedUserProfile(
		@JsonProperty("user") @Nullable UserProfile user,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

}
