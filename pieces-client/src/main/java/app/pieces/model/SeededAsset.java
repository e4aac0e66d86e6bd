package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An asset to seed: an inline snippet given as question context, or a new asset ({@code POST /assets/create}).
 *
 * @param application the application the content comes from
 * @param format the content
 * @param metadata what the new asset is called, if it is to be created
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeededAsset(
		@JsonProperty("application") @Nullable Application application,
		@JsonProperty("format") @Nullable SeededFormat format,
		@JsonProperty("metadata") @Nullable SeededAssetMetadata metadata) {

}
