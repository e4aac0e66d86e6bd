package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One representation of an asset (code, text, file...). The nested {@code asset} is not modelled: Pieces OS sends it as
 * an id in some places and as a whole flattened asset in others; reach it through {@link Asset#raw()}.
 *
 * @param id the format id
 * @param creator the id of the user who created the format
 * @param role the role of the format, e.g. {@code ORIGINAL}, {@code PREVIEW} or {@code BOTH}
 * @param classification the classification
 * @param fragment the text content, present when fetched with transferables
 * @param bytes the size
 * @param created when the format was created
 * @param updated when the format was last updated
 * @param application the application that created the format
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Format(
		@JsonProperty("id") @Nullable String id,
		@JsonProperty("creator") @Nullable String creator,
		@JsonProperty("role") @Nullable String role,
		@JsonProperty("classification") @Nullable Classification classification,
		@JsonProperty("fragment") @Nullable FragmentFormat fragment,
		@JsonProperty("bytes") @Nullable ByteDescriptor bytes,
		@JsonProperty("created") @Nullable GroupedTimestamp created,
		@JsonProperty("updated") @Nullable GroupedTimestamp updated,
		@JsonProperty("application") @Nullable Application application,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

}
