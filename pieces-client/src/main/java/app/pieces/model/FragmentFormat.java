package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A textual fragment: the text and its metadata ({@code fragment} on the wire).
 *
 * @param string the text
 * @param metadata the metadata
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FragmentFormat(
		@JsonProperty("string") @Nullable TransferableString string,
		@JsonProperty("metadata") @Nullable FragmentMetadata metadata,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

	/**
	 * Create a fragment from raw text and a file extension.
	 * @param raw the text
	 * @param ext the file extension, or {@code null}
	 * @return the fragment
	 */
	public static FragmentFormat of(String raw, @Nullable String ext) {
		return new FragmentFormat(TransferableString.ofRaw(raw), (ext != null) ? new FragmentMetadata(ext) : null,
				null);
	}

}
