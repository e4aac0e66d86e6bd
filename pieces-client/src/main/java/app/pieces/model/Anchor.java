package app.pieces.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A file or folder the user works in, as Pieces OS tracks it ({@code GET /anchor/{id}}); assets and conversations
 * refer to their anchors.
 * <p>
 * Only the commonly used fields are modelled; everything else (points, annotations, persons, ...) is reachable
 * through {@link #raw()}.
 *
 * @param id the anchor id
 * @param type whether the anchor is a file or a folder
 * @param name the anchor's name, usually its path
 * @param watch whether Pieces OS watches the file or folder for changes
 * @param created when the anchor was created
 * @param updated when the anchor was last updated
 * @param assets the assets attached to the anchor
 * @param schema the schema version, if sent
 * @param rawJson the JSON the anchor was decoded from; {@code null} when built in code or decoded by a mapper
 * without {@link PiecesJson#module()}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Anchor(
		@JsonProperty("id") String id,
		@JsonProperty("type") @Nullable AnchorTypeEnum type,
		@JsonProperty("name") @Nullable String name,
		@JsonProperty("watch") @Nullable Boolean watch,
		@JsonProperty("created") @Nullable GroupedTimestamp created,
		@JsonProperty("updated") @Nullable GroupedTimestamp updated,
		@JsonProperty("assets") @Nullable FlattenedAssets assets,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema,
		@JsonIgnore @Nullable RawJson rawJson) implements RawJsonCarrier<Anchor> {

	/**
	 * Create an instance: validate the required id.
	 * @param id the anchor id
	 * @param type whether the anchor is a file or a folder
	 * @param name the anchor's name, usually its path
	 * @param watch whether Pieces OS watches the file or folder for changes
	 * @param created when the anchor was created
	 * @param updated when the anchor was last updated
	 * @param assets the assets attached to the anchor
	 * @param schema the schema version, if sent
	 * @param rawJson the JSON the anchor was decoded from, or {@code null}
	 */
	public Anchor {
		ModelSupport.required(id, "Anchor", "id");
	}

	@Override
	public Anchor withRawJson(RawJson rawJson) {
		return new Anchor(this.id, this.type, this.name, this.watch, this.created, this.updated, this.assets,
				this.schema, rawJson);
	}


	/**
	 * Return when the anchor was created.
	 * @return the creation instant, or {@code null} if unknown
	 */
	@JsonIgnore
	public @Nullable Instant createdAt() {
		return GroupedTimestamp.valueOf(this.created);
	}

	/**
	 * Return when the anchor was last updated.
	 * @return the update instant, or {@code null} if unknown
	 */
	@JsonIgnore
	public @Nullable Instant updatedAt() {
		return GroupedTimestamp.valueOf(this.updated);
	}

	@Override
	public String toString() {
		return "Anchor[id=" + this.id + ", type=" + this.type + ", updated=" + updatedAt() + "]";
	}

}
