package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Text content of a fragment ({@code fragment.string}).
 *
 * @param raw the raw text
 * @param base64 the text as base64, if sent that way
 * @param dataUrl the text as a data URL, if sent that way
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferableString(
		@JsonProperty("raw") @Nullable String raw,
		@JsonProperty("base64") @Nullable String base64,
		@JsonProperty("data_url") @Nullable String dataUrl) {

	/**
	 * Create a string holding raw text.
	 * @param raw the raw text
	 * @return the transferable string
	 */
	public static TransferableString ofRaw(String raw) {
		return new TransferableString(raw, null, null);
	}

}
