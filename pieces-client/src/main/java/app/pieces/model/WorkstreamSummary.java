package app.pieces.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A long-term-memory roll-up of what the user worked on over a time period ({@code GET /workstream_summary/{id}}),
 * as the Pieces desktop app lists them.
 * <p>
 * Only the commonly used fields are modelled; everything else (ranges, anchors, annotations, events, ...) is
 * reachable through {@link #raw()}.
 *
 * @param id the summary id
 * @param name the summary's title
 * @param favorited whether the user marked it as a favourite
 * @param created when the summary was created
 * @param updated when the summary was last updated
 * @param schema the schema version, if sent
 * @param rawJson the JSON the summary was decoded from; {@code null} when built in code or decoded by a mapper
 * without {@link PiecesJson#module()}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkstreamSummary(
		@JsonProperty("id") String id,
		@JsonProperty("name") @Nullable String name,
		@JsonProperty("favorited") @Nullable Boolean favorited,
		@JsonProperty("created") @Nullable GroupedTimestamp created,
		@JsonProperty("updated") @Nullable GroupedTimestamp updated,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema,
		@JsonIgnore @Nullable RawJson rawJson) implements RawJsonCarrier<WorkstreamSummary> {

	/**
	 * Create an instance: validate the required id.
	 * @param id the summary id
	 * @param name the summary's title
	 * @param favorited whether the user marked it as a favourite
	 * @param created when the summary was created
	 * @param updated when the summary was last updated
	 * @param schema the schema version, if sent
	 * @param rawJson the JSON the summary was decoded from, or {@code null}
	 */
	public WorkstreamSummary {
		ModelSupport.required(id, "WorkstreamSummary", "id");
	}

	@Override
	public WorkstreamSummary withRawJson(RawJson rawJson) {
		return new WorkstreamSummary(this.id, this.name, this.favorited, this.created, this.updated, this.schema,
				rawJson);
	}


	/**
	 * Return when the summary was last updated.
	 * @return the update instant, or {@code null} if unknown
	 */
	@JsonIgnore
	public @Nullable Instant updatedAt() {
		return GroupedTimestamp.valueOf(this.updated);
	}

	@Override
	public String toString() {
		return "WorkstreamSummary[id=" + this.id + ", updated=" + updatedAt() + "]";
	}

}
