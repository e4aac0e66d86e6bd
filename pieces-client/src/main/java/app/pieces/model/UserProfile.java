package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The signed-in user: the frames of {@code /user/stream} and the {@code user} of {@code GET /user}.
 * <p>
 * {@link #toString()} shows the id and display preferences only: name, username, email, picture, API keys and
 * identity-provider data (which can carry tokens) are redacted.
 *
 * @param id the user id
 * @param aesthetics the display preferences
 * @param name the full name (personal data)
 * @param username the user name (personal data)
 * @param email the email address (personal data)
 * @param picture the picture URL (personal data)
 * @param vanityname the vanity name (personal data)
 * @param apiKeys the user's API keys (secret; not modelled)
 * @param created when the profile was created
 * @param updated when the profile was last updated
 * @param allocation the cloud allocation (not modelled)
 * @param providers the identity providers (may carry tokens; not modelled)
 * @param auth0 Auth0 identity data (may carry tokens; not modelled)
 * @param descope Descope identity data (may carry tokens; not modelled)
 * @param schema the schema version, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserProfile(
		@JsonProperty("id") String id,
		@JsonProperty("aesthetics") @Nullable Aesthetics aesthetics,
		@JsonProperty("name") @Nullable String name,
		@JsonProperty("username") @Nullable String username,
		@JsonProperty("email") @Nullable String email,
		@JsonProperty("picture") @Nullable String picture,
		@JsonProperty("vanityname") @Nullable String vanityname,
		@JsonProperty("apiKeys") @Nullable JsonNode apiKeys,
		@JsonProperty("created") @Nullable GroupedTimestamp created,
		@JsonProperty("updated") @Nullable GroupedTimestamp updated,
		@JsonProperty("allocation") @Nullable JsonNode allocation,
		@JsonProperty("providers") @Nullable JsonNode providers,
		@JsonProperty("auth0") @Nullable JsonNode auth0,
		@JsonProperty("descope") @Nullable JsonNode descope,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate the required id.
	 * @param id the user id
	 * @param aesthetics the display preferences
	 * @param name the full name (personal data)
	 * @param username the user name (personal data)
	 * @param email the email address (personal data)
	 * @param picture the picture URL (personal data)
	 * @param vanityname the vanity name (personal data)
	 * @param apiKeys the user's API keys (secret; not modelled)
	 * @param created when the profile was created
	 * @param updated when the profile was last updated
	 * @param allocation the cloud allocation (not modelled)
	 * @param providers the identity providers (may carry tokens; not modelled)
	 * @param auth0 Auth0 identity data (may carry tokens; not modelled)
	 * @param descope Descope identity data (may carry tokens; not modelled)
	 * @param schema the schema version, if sent
	 */
	public UserProfile {
		ModelSupport.required(id, "UserProfile", "id");
	}

	/**
	 * Return a description without personal data or secrets.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "UserProfile[id=" + this.id + ", name=" + ModelSupport.redact(this.name) + ", username="
				+ ModelSupport.redact(this.username) + ", email=" + ModelSupport.redact(this.email) + ", picture="
				+ ModelSupport.redact(this.picture) + ", vanityname=" + ModelSupport.redact(this.vanityname)
				+ ", apiKeys=" + ModelSupport.redact(this.apiKeys) + ", aesthetics=" + this.aesthetics + ", created="
				+ GroupedTimestamp.valueOf(this.created) + ", updated=" + GroupedTimestamp.valueOf(this.updated)
				+ ", allocation=" + ModelSupport.redact(this.allocation) + ", providers="
				+ ModelSupport.redact(this.providers) + ", auth0=" + ModelSupport.redact(this.auth0) + ", descope="
				+ ModelSupport.redact(this.descope) + "]";
	}

}
