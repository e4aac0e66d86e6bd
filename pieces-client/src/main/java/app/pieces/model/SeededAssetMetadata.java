package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What a seeded asset is to be called ({@code SeededAssetMetadata}; its tags, websites and other lists are not
 * modelled).
 *
 * @param name the name of the asset, or {@code null} to let Pieces OS name it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeededAssetMetadata(@JsonProperty("name") @Nullable String name) {

}
