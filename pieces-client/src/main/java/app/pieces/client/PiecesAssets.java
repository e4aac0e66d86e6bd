package app.pieces.client;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import app.pieces.model.Application;
import app.pieces.model.Asset;
import app.pieces.model.AssetReclassification;
import app.pieces.model.ReferencedFormat;
import app.pieces.model.SearchedAsset;
import app.pieces.model.SearchedAssets;
import app.pieces.model.Seed;

import org.springframework.util.Assert;

/**
 * Saves, changes, reads, searches and deletes the user's snippets (assets), as the official wrapper's
 * {@code BasicAsset} does: {@code POST /assets/create}, {@code POST /asset/update}, {@code POST /asset/reclassify},
 * {@code GET /format/{id}} with {@code POST /format/update/value}, {@code POST /assets/{id}/delete}, and the
 * searches {@code GET /search/full_text}, {@code GET /search/neural_code} and {@code GET /assets/search}.
 * Obtained from {@link PiecesClient#assets()}.
 * <p>
 * Every method that changes an asset returns it as Pieces OS has it afterwards (without its content, like the
 * caches keep assets) and tells the {@linkplain #addListener(PiecesClient.WriteListener) write listeners} before it returns:
 * the assets stream's cache stores the asset at once, so a read right after a write sees it, and the stream's own
 * announcement of the same change finds it current and fires nothing again.
 * <p>
 * Bad input fails before any call with an {@link IllegalArgumentException} (blank text, blank name or id); an
 * unknown id with {@link PiecesNotFoundException} (404) or {@link PiecesGoneException} (410); what else Pieces OS
 * refuses (a text too large, say) with {@link PiecesApiException} carrying the status and its reason. A write
 * that fails changes nothing in the caches. Writes are never repeated on another port when Pieces OS moves
 * mid-call (they are not idempotent); reads are.
 */
public final class PiecesAssets {

	private final PiecesClient client;

	private final RestCalls rest;

	private final WriteListeners<Asset> listeners = new WriteListeners<>("asset");

	private volatile @Nullable Application application;

	PiecesAssets(PiecesClient client, RestCalls rest) {
		this.client = client;
		this.rest = rest;
	}

	/**
	 * Save a new snippet ({@code POST /assets/create} with a {@code SEEDED_ASSET} seed). Registers this
	 * application with Pieces OS first ({@code POST /connect}) if it has not yet: a seed names the application
	 * that created it.
	 * @param text the code or text
	 * @param name the name, or {@code null} to let Pieces OS name it
	 * @param language the language as a file extension ({@code java}, {@code py} ...), or {@code null} to let
	 * Pieces OS classify it
	 * @return the new asset
	 */
	public Asset create(String text, @Nullable String name, @Nullable String language) {
		Assert.isTrue(text != null && !text.isBlank(), "'text' must not be blank: a snippet needs content");
		Seed seed = Seed.ofNewAsset(application(), text, blankToNull(name), blankToNull(language));
		Asset created = this.rest.required("POST /assets/create", Asset.class, false,
				(api, base) -> api.createAsset(base, false, seed));
		return written(created);
	}

	/**
	 * Rename an asset ({@code POST /asset/update} with the asset as Pieces OS has it, renamed).
	 * @param id the asset id
	 * @param name the new name
	 * @return the renamed asset
	 */
	public Asset rename(String id, String name) {
		Assert.isTrue(name != null && !name.isBlank(), "'name' must not be blank");
		return update(id, (asset) -> asset.put("name", name));
	}

	/**
	 * Mark an asset as a favourite, or not ({@code POST /asset/update} with {@code favorited}).
	 * @param id the asset id
	 * @param favorite whether it is a favourite
	 * @return the changed asset
	 */
	public Asset favorite(String id, boolean favorite) {
		return update(id, (asset) -> asset.put("favorited", favorite));
	}

	/**
	 * Change the code of an asset: the raw text of its original format ({@code GET /format/{id}}, then
	 * {@code POST /format/update/value}).
	 * @param id the asset id
	 * @param text the new code or text
	 * @return the changed asset
	 */
	public Asset updateText(String id, String text) {
		Assert.isTrue(text != null && !text.isBlank(), "'text' must not be blank: a snippet needs content");
		String formatId = originalFormatId(fetch(id));
		JsonNode format = this.rest.required("GET /format/" + PiecesClient.shortened(formatId), JsonNode.class,
				true, (api, base) -> api.format(base, formatId, true));
		if (!(format.path("fragment").path("string") instanceof ObjectNode string)) {
			throw new PiecesApiException("Asset " + PiecesClient.shortened(id)
					+ " keeps its content in a file or as bytes, not as text: it cannot be changed as text", 400,
					null);
		}
		string.put("raw", text);
		this.rest.required("POST /format/update/value", JsonNode.class, false,
				(api, base) -> api.updateFormatValue(base, false, format));
		return written(fetch(id));
	}

	/**
	 * Give an asset another language ({@code POST /asset/reclassify}).
	 * @param id the asset id
	 * @param language the language as a file extension ({@code java}, {@code py} ...)
	 * @return the reclassified asset
	 */
	public Asset reclassify(String id, String language) {
		Assert.isTrue(language != null && !language.isBlank(), "'language' must not be blank");
		AssetReclassification reclassification = new AssetReclassification(language, current(id));
		Asset reclassified = this.rest.required("POST /asset/reclassify", Asset.class, false,
				(api, base) -> api.reclassifyAsset(base, false, reclassification));
		return written(reclassified);
	}

	/**
	 * Delete an asset ({@code POST /assets/{id}/delete}).
	 * @param id the asset id
	 * @throws PiecesNotFoundException if there is no such asset
	 */
	public void delete(String id) {
		requireId(id);
		this.rest.call("POST /assets/" + PiecesClient.shortened(id) + "/delete", String.class, false,
				(api, base) -> api.deleteAsset(base, id));
		this.listeners.deleted(id);
	}

	/**
	 * Read the code of an asset: the raw text of its original format ({@code GET /asset/{id}} with its content).
	 * @param id the asset id
	 * @return the text, empty for an asset that keeps no text (an image, a file as bytes)
	 */
	public String text(String id) {
		requireId(id);
		String text = this.client.asset(id, true).text();
		return (text != null) ? text : "";
	}

	/**
	 * Search the user's snippets, best hits first: exact hits before suggested ones, then by score.
	 * @param query what to look for
	 * @param mode how to search
	 * @return the hits, empty when nothing matches; with {@link SearchMode#ASSETS} each carries its asset
	 */
	public List<SearchedAsset> search(String query, SearchMode mode) {
		Assert.isTrue(query != null && !query.isBlank(), "'query' must not be blank");
		Assert.notNull(mode, "'mode' must not be null");
		SearchedAssets found = switch (mode) {
			case FULL_TEXT -> this.rest.call("GET /search/full_text", SearchedAssets.class, true,
					(api, base) -> api.fullTextSearch(base, query));
			case NEURAL_CODE -> this.rest.call("GET /search/neural_code", SearchedAssets.class, true,
					(api, base) -> api.neuralCodeSearch(base, query));
			case ASSETS -> this.rest.call("GET /assets/search", SearchedAssets.class, true,
					(api, base) -> api.searchAssets(base, query, false));
		};
		if (found == null) {
			return List.of();
		}
		return found.iterable()
			.stream()
			.sorted(Comparator.comparing(SearchedAsset::exact).reversed()
				.thenComparing(Comparator.comparingDouble(SearchedAsset::score).reversed()))
			.toList();
	}

	/**
	 * Register a listener that is told about every asset this client wrote, before the writing method returns
	 * (on the caller's thread). The assets stream registers one to keep its cache current.
	 * @param listener the listener
	 */
	public void addListener(PiecesClient.WriteListener<? super Asset> listener) {
		this.listeners.add(listener);
	}

	@Override
	public String toString() {
		return "PiecesAssets[" + this.client + "]";
	}

	private Asset written(Asset asset) {
		return this.listeners.written(asset);
	}

	/** Send the asset as Pieces OS has it now, changed, back ({@code POST /asset/update}). */
	private Asset update(String id, Consumer<ObjectNode> change) {
		ObjectNode asset = current(id);
		change.accept(asset);
		return written(this.rest.required("POST /asset/update", Asset.class, false,
				(api, base) -> api.updateAsset(base, false, asset)));
	}

	private Asset fetch(String id) {
		requireId(id);
		return this.client.asset(id, false);
	}

	/** The asset as Pieces OS has it now, as JSON with every field, to send back changed. */
	private ObjectNode current(String id) {
		return (ObjectNode) fetch(id).raw();
	}

	private static String originalFormatId(Asset asset) {
		ReferencedFormat original = asset.original();
		if (original == null) {
			throw new PiecesApiException("Asset " + PiecesClient.shortened(asset.id())
					+ " has no original format, so it has no text to change", 400, null);
		}
		return original.id();
	}

	private Application application() {
		Application known = this.application;
		if (known == null) {
			known = this.client.connect().application();
			this.application = known;
		}
		return known;
	}

	private static void requireId(String id) {
		Assert.isTrue(id != null && !id.isBlank(), "'id' must not be blank");
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/**
	 * How {@link #search(String, SearchMode)} searches, as the official wrapper's {@code BasicAsset.search} offers.
	 */
	public enum SearchMode {

		/** Full-text search of names and content ({@code GET /search/full_text}, the wrapper's {@code fts}). */
		FULL_TEXT,

		/** Neural code search of the content ({@code GET /search/neural_code}, {@code ncs}). */
		NEURAL_CODE,

		/** The assets' own fuzzy search, returning the assets too ({@code GET /assets/search}, {@code fuzzy}). */
		ASSETS

	}

}
