package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A machine-learning model Pieces OS offers ({@code GET /models}).
 *
 * @param id the model id
 * @param name the display name, e.g. {@code GPT-4o Chat Model}
 * @param version the model version
 * @param cloud whether the model runs in the cloud
 * @param created when the model was registered
 * @param type the performance profile
 * @param usage the usage, e.g. {@code CODE_CONVERSATION}
 * @param downloaded whether a local model is downloaded
 * @param downloading whether a local model is downloading
 * @param loaded whether a local model is loaded
 * @param foundation the foundation model, e.g. {@code GPT_3.5}
 * @param provider the provider, e.g. {@code OPENAI}
 * @param unique the provider's unique model name
 * @param description a description
 * @param maxTokens the token limits
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Model(
		@JsonProperty("id") String id,
		@JsonProperty("name") @Nullable String name,
		@JsonProperty("version") @Nullable String version,
		@JsonProperty("cloud") @Nullable Boolean cloud,
		@JsonProperty("created") @Nullable GroupedTimestamp created,
		@JsonProperty("type") @Nullable ModelTypeEnum type,
		@JsonProperty("usage") @Nullable String usage,
		@JsonProperty("downloaded") @Nullable Boolean downloaded,
		@JsonProperty("downloading") @Nullable Boolean downloading,
		@JsonProperty("loaded") @Nullable Boolean loaded,
		@JsonProperty("foundation") @Nullable String foundation,
		@JsonProperty("provider") @Nullable String provider,
		@JsonProperty("unique") @Nullable String unique,
		@JsonProperty("description") @Nullable String description,
		@JsonProperty("maxTokens") @Nullable ModelMaxTokens maxTokens,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create an instance: validate required fields and normalise absent collections to empty ones.
	 * @param id the model id
	 * @param name the display name, e.g. {@code GPT-4o Chat Model}
	 * @param version the model version
	 * @param cloud whether the model runs in the cloud
	 * @param created when the model was registered
	 * @param type the performance profile
	 * @param usage the usage, e.g. {@code CODE_CONVERSATION}
	 * @param downloaded whether a local model is downloaded
	 * @param downloading whether a local model is downloading
	 * @param loaded whether a local model is loaded
	 * @param foundation the foundation model, e.g. {@code GPT_3.5}
	 * @param provider the provider, e.g. {@code OPENAI}
	 * @param unique the provider's unique model name
	 * @param description a description
	 * @param maxTokens the token limits
	 * @param schema the schema version of this object, if sent
	 */
	public Model {
		ModelSupport.required(id, "Model", "id");
	}

	/**
	 * Return whether the model can be used without downloading it: a cloud model or a downloaded local one (the
	 * filter the official Python client applies).
	 * @return {@code true} if usable
	 */
	@JsonIgnore
	public boolean isUsable() {
		return Boolean.TRUE.equals(this.cloud) || Boolean.TRUE.equals(this.downloaded);
	}

}
