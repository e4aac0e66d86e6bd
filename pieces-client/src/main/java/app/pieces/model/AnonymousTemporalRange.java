package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A time range, open on either side.
 *
 * @param from the start, if any
 * @param to the end, if any
 * @param continuous whether the range is still running
 * @param schema the schema version of this object, if sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnonymousTemporalRange(
		@JsonProperty("from") @Nullable GroupedTimestamp from,
		@JsonProperty("to") @Nullable GroupedTimestamp to,
		@JsonProperty("continuous") @Nullable Boolean continuous,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {

}
