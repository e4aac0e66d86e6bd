package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Metadata of a fragment, such as its file extension.
 *
 * @param ext the file extension, e.g. {@code java}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FragmentMetadata(
		@JsonProperty("ext") @Nullable String ext) {

}
