package app.pieces.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A window of time Pieces OS keeps for long-term memory and the copilot's temporal grounding
 * ({@code GET /range/{id}}).
 * <p>
 * Only the commonly used fields are modelled; everything else (conversations, messages, summaries, ...) is
 * reachable through {@link #raw()}.
 *
 * @param id the range id
 * @param from where the window starts, if bounded
 * @param to where the window ends, if bounded
 * @param between whether the window is the time between {@code from} and {@code to}
 * @param created when the range was created
 * @param updated when the range was last updated
 * @param schema the schema version, if sent
 * @param rawJson the JSON the range was decoded from; {@code null} when built in code or decoded by a mapper
 * without {@link PiecesJson#module()}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Range(
		@JsonProperty("id") String id,
		@JsonProperty("from") @Nullable GroupedTimestamp from,
		@JsonProperty("to") @Nullable GroupedTimestamp to,
		@JsonProperty("between") @Nullable Boolean between,
		@JsonProperty("created") @Nullable GroupedTimestamp created,
		@JsonProperty("updated") @Nullable GroupedTimestamp updated,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema,
		@JsonIgnore @Nullable RawJson rawJson) implements RawJsonCarrier<Range> {

	/**
	 * Create an instance: validate the required id.
	 * @param id the range id
	 * @param from where the window starts, if bounded
	 * @param to where the window ends, if bounded
	 * @param between whether the window is the time between {@code from} and {@code to}
	 * @param created when the range was created
	 * @param updated when the range was last updated
	 * @param schema the schema version, if sent
	 * @param rawJson the JSON the range was decoded from, or {@code null}
	 */
	public Range {
		ModelSupport.required(id, "Range", "id");
	}

	@Override
	public Range withRawJson(RawJson rawJson) {
		return new Range(this.id, this.from, this.to, this.between, this.created, this.updated, this.schema, rawJson);
	}


	/**
	 * Return when the range was last updated.
	 * @return the update instant, or {@code null} if unknown
	 */
	@JsonIgnore
	public @Nullable Instant updatedAt() {
		return GroupedTimestamp.valueOf(this.updated);
	}

	@Override
	public String toString() {
		return "Range[id=" + this.id + ", from=" + GroupedTimestamp.valueOf(this.from) + ", to="
				+ GroupedTimestamp.valueOf(this.to) + "]";
	}

}
