package app.pieces.sample.web;

import java.util.List;
import java.util.Locale;

import app.pieces.client.PiecesAssets;
import app.pieces.client.PiecesAssets.SearchMode;
import app.pieces.model.Asset;
import app.pieces.model.SearchedAsset;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.IdentifierCache;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Searches the user's snippets through {@link PiecesAssets#search(String, SearchMode)}; the names of the hits
 * come from the assets cache where it holds them.
 *
 * @author Pieces starter team
 */
@RestController
public class SearchController {

	private final PiecesAssets assets;

	private final ObjectProvider<AssetsIdentifiersWS> assetsStream;

	SearchController(PiecesAssets assets, ObjectProvider<AssetsIdentifiersWS> assetsStream) {
		this.assets = assets;
		this.assetsStream = assetsStream;
	}

	/**
	 * Search, best hits first.
	 * @param query what to look for
	 * @param mode {@code fts} (full text, the default), {@code ncs} (neural code search) or {@code assets} (fuzzy
	 * on the names)
	 * @return the hits
	 */
	@GetMapping(path = "/api/search", produces = MediaType.APPLICATION_JSON_VALUE)
	public List<Hit> search(@RequestParam("q") String query, @RequestParam(defaultValue = "fts") String mode) {
		SearchMode searchMode = mode(mode);
		IdentifierCache<Asset> cache = this.assetsStream.stream()
			.findFirst()
			.map(AssetsIdentifiersWS::cache)
			.orElse(null);
		return this.assets.search(query, searchMode).stream().map((hit) -> hit(hit, cache)).toList();
	}

	private static SearchMode mode(String mode) {
		return switch (mode.toLowerCase(Locale.ROOT)) {
			case "fts" -> SearchMode.FULL_TEXT;
			case "ncs" -> SearchMode.NEURAL_CODE;
			case "assets" -> SearchMode.ASSETS;
			default -> throw new IllegalArgumentException(
					"Unknown search mode '" + mode + "': use fts, ncs or assets");
		};
	}

	private static Hit hit(SearchedAsset hit, @Nullable IdentifierCache<Asset> cache) {
		Asset asset = (cache != null) ? cache.get(hit.identifier()).orElse(hit.asset()) : hit.asset();
		return new Hit(hit.identifier(), (asset != null) ? asset.name() : null, hit.score());
	}

	/**
	 * One search hit.
	 *
	 * @param id the asset id
	 * @param name its name, if known
	 * @param score how well it matched; higher is better
	 */
	public record Hit(String id, @Nullable String name, double score) {

	}

}
