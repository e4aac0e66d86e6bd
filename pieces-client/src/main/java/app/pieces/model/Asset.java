package app.pieces.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A saved item (snippet, text, file...) as returned by {@code GET /asset/{id}}.
 * <p>
 * Only the commonly used fields are modelled. Everything else is reachable through {@link #raw()}: the mapper of
 * {@link PiecesJson} keeps the compact JSON text the asset was decoded from (as bytes, parsed again on demand, so
 * a large cache does not hold a tree per asset). With {@code transferables=false} Pieces OS leaves out the
 * content, which keeps both the records and the raw JSON small. Equal copies of the original format in
 * {@code preview.base} and {@code formats} share one instance.
 *
 * @param id the asset id
 * @param name the asset name, if any
 * @param creator the id of the user who created the asset
 * @param mechanism how the asset was created
 * @param created when the asset was created
 * @param updated when the asset was last updated
 * @param interacted when the user last interacted with the asset, if known
 * @param favorited whether the asset is a favourite
 * @param discovered whether the asset was discovered automatically
 * @param pseudo whether the asset is a pseudo asset
 * @param demo whether the asset is a demo asset
 * @param original the original format (its content is in {@code reference.fragment.string.raw})
 * @param preview the formats used for previews
 * @param formats all formats of the asset
 * @param score usage counters
 * @param schema the schema version, if sent
 * @param rawJson the JSON the asset was decoded from; {@code null} when built in code or decoded by a mapper
 * without {@link PiecesJson#module()}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Asset(
		@JsonProperty("id") String id,
		@JsonProperty("name") @Nullable String name,
		@JsonProperty("creator") @Nullable String creator,
		@JsonProperty("mechanism") @Nullable MechanismEnum mechanism,
		@JsonProperty("created") @Nullable GroupedTimestamp created,
		@JsonProperty("updated") @Nullable GroupedTimestamp updated,
		@JsonProperty("interacted") @Nullable GroupedTimestamp interacted,
		@JsonProperty("favorited") @Nullable Boolean favorited,
		@JsonProperty("discovered") @Nullable Boolean discovered,
		@JsonProperty("pseudo") @Nullable Boolean pseudo,
		@JsonProperty("demo") @Nullable Boolean demo,
		@JsonProperty("original") @Nullable ReferencedFormat original,
		@JsonProperty("preview") @Nullable Preview preview,
		@JsonProperty("formats") @Nullable Formats formats,
		@JsonProperty("score") @Nullable Score score,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema,
		@JsonIgnore @Nullable RawJson rawJson) implements RawJsonCarrier<Asset> {

	/**
	 * Create an instance: validate the required id.
	 * @param id the asset id
	 * @param name the asset name, if any
	 * @param creator the id of the user who created the asset
	 * @param mechanism how the asset was created
	 * @param created when the asset was created
	 * @param updated when the asset was last updated
	 * @param interacted when the user last interacted with the asset, if known
	 * @param favorited whether the asset is a favourite
	 * @param discovered whether the asset was discovered automatically
	 * @param pseudo whether the asset is a pseudo asset
	 * @param demo whether the asset is a demo asset
	 * @param original the original format (its content is in {@code reference.fragment.string.raw})
	 * @param preview the formats used for previews
	 * @param formats all formats of the asset
	 * @param score usage counters
	 * @param schema the schema version, if sent
	 * @param rawJson the JSON the asset was decoded from; {@code null} when built in code or decoded by a mapper
	 * without {@link PiecesJson#module()}
	 */
	public Asset {
		ModelSupport.required(id, "Asset", "id");
		// Pieces OS repeats the original format (with its content) in preview.base and in formats: share one
		// instance instead of keeping three equal copies per cached asset
		Format originalFormat = (original != null) ? original.reference() : null;
		if (originalFormat != null) {
			ReferencedFormat base = (preview != null) ? preview.base() : null;
			if (base != null && base != original && base.id().equals(original.id())
					&& ModelSupport.sameContent(original, base)) {
				preview = new Preview(original, preview.overlay(), preview.schema());
			}
			if (formats != null) {
				formats = sharing(formats, originalFormat);
			}
		}
	}

	/**
	 * Return the formats with each copy of the original replaced by the original itself.
	 */
	private static Formats sharing(Formats formats, Format original) {
		List<Format> shared = null;
		List<Format> iterable = formats.iterable();
		for (int i = 0; i < iterable.size(); i++) {
			Format format = iterable.get(i);
			// ids first: the content is compared component by component, nested ones too, and this runs per asset
			if (format != original && Objects.equals(format.id(), original.id())
					&& ModelSupport.sameContent(original, format)) {
				if (shared == null) {
					shared = new ArrayList<>(iterable);
				}
				shared.set(i, original);
			}
		}
		return (shared != null) ? new Formats(shared, formats.schema()) : formats;
	}

	/**
	 * Return a copy carrying the given raw JSON.
	 * @param rawJson the JSON this asset was decoded from
	 * @return a copy with the raw JSON
	 */
	@Override
	public Asset withRawJson(RawJson rawJson) {
		return new Asset(this.id, this.name, this.creator, this.mechanism, this.created, this.updated, this.interacted,
				this.favorited, this.discovered, this.pseudo, this.demo, this.original, this.preview, this.formats,
				this.score, this.schema, rawJson);
	}


	/**
	 * Return the language of the asset: the specific classification of its original format (a lower-case file
	 * extension such as {@code java}).
	 * @return the language, or {@code null} if unknown
	 */
	@JsonIgnore
	public @Nullable String language() {
		Format format = originalFormat();
		Classification classification = (format != null) ? format.classification() : null;
		return (classification != null) ? classification.specific() : null;
	}

	/**
	 * Return how Pieces OS classified the asset's original format: {@code generic} (e.g. {@code CODE},
	 * {@code TEXT}) and {@code specific} (the language, see {@link #language()}).
	 * @return the classification, or {@code null} if unknown
	 */
	@JsonIgnore
	public @Nullable Classification classification() {
		Format format = originalFormat();
		return (format != null) ? format.classification() : null;
	}

	/**
	 * Return the raw text of the asset ({@code original.reference.fragment.string.raw}). Present only when the
	 * asset was fetched with transferables and is textual.
	 * @return the text, or {@code null}
	 */
	@JsonIgnore
	public @Nullable String text() {
		Format format = originalFormat();
		FragmentFormat fragment = (format != null) ? format.fragment() : null;
		TransferableString string = (fragment != null) ? fragment.string() : null;
		return (string != null) ? string.raw() : null;
	}

	/**
	 * Return when the asset was created.
	 * @return the creation instant, or {@code null} if unknown
	 */
	@JsonIgnore
	public @Nullable Instant createdAt() {
		return GroupedTimestamp.valueOf(this.created);
	}

	/**
	 * Return when the asset was last updated.
	 * @return the update instant, or {@code null} if unknown
	 */
	@JsonIgnore
	public @Nullable Instant updatedAt() {
		return GroupedTimestamp.valueOf(this.updated);
	}

	private @Nullable Format originalFormat() {
		return (this.original != null) ? this.original.reference() : null;
	}

	/**
	 * Return a short description: id, name, language and timestamps only (no content).
	 * @return the description
	 */
	@Override
	public String toString() {
		return "Asset[id=" + this.id + ", name=" + this.name + ", language=" + language() + ", created="
				+ createdAt() + ", updated=" + updatedAt() + "]";
	}

}
