package app.pieces.sample.web;

import java.net.URI;
import java.time.Instant;

import app.pieces.client.PiecesAssets;
import app.pieces.client.PiecesClient;
import app.pieces.model.Asset;
import app.pieces.sample.live.ItemViews;
import app.pieces.sample.live.ItemViews.AssetView;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Write side of the sample's snippets: save, read with its code, rename or change the code, delete, through the
 * starter's {@link PiecesAssets}. What is written shows in {@code GET /api/assets} (the cache) at once, and
 * reaches the page through the assets stream like any other change.
 *
 * @author Pieces starter team
 */
@RestController
@RequestMapping(path = "/api/assets", produces = MediaType.APPLICATION_JSON_VALUE)
public class AssetsController {

	private final PiecesAssets assets;

	private final PiecesClient client;

	AssetsController(PiecesAssets assets, PiecesClient client) {
		this.assets = assets;
		this.client = client;
	}

	/**
	 * Save a new snippet.
	 * @param request its name, text and language (only the text is required)
	 * @return {@code 201} with the new asset
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<AssetView> create(@RequestBody NewAsset request) {
		Asset created = this.assets.create(request.text(), request.name(), request.language());
		return ResponseEntity.created(URI.create("/api/assets/" + created.id())).body(ItemViews.of(created));
	}

	/**
	 * Read a snippet with its code.
	 * @param id the asset id
	 * @return the asset
	 */
	@GetMapping("/{id}")
	public AssetDetail get(@PathVariable String id) {
		return detail(this.client.asset(id, true));
	}

	/**
	 * Rename a snippet or change its code (or both).
	 * @param id the asset id
	 * @param request the new name, the new text, or both
	 * @return the changed asset with its code
	 */
	@PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	public AssetDetail update(@PathVariable String id, @RequestBody AssetChange request) {
		if (request.name() == null && request.text() == null) {
			throw new IllegalArgumentException("Give a new 'name', a new 'text', or both");
		}
		if (request.name() != null) {
			this.assets.rename(id, request.name());
		}
		if (request.text() != null) {
			this.assets.updateText(id, request.text());
		}
		return get(id);
	}

	/**
	 * Delete a snippet.
	 * @param id the asset id
	 * @return {@code 204}
	 */
	@DeleteMapping("/{id}")
	public ResponseEntity<Void> delete(@PathVariable String id) {
		this.assets.delete(id);
		return ResponseEntity.noContent().build();
	}

	private static AssetDetail detail(Asset asset) {
		String text = asset.text();
		return new AssetDetail(asset.id(), asset.name(), asset.language(), asset.updatedAt(),
				(text != null) ? text : "");
	}

	/**
	 * A snippet to save.
	 *
	 * @param name its name, or {@code null} to let Pieces OS name it
	 * @param text the code
	 * @param language its language as a file extension, or {@code null} to let Pieces OS classify it
	 */
	public record NewAsset(@Nullable String name, String text, @Nullable String language) {

	}

	/**
	 * A change of a snippet.
	 *
	 * @param name the new name, or {@code null} to keep it
	 * @param text the new code, or {@code null} to keep it
	 */
	public record AssetChange(@Nullable String name, @Nullable String text) {

	}

	/**
	 * A snippet with its code, as {@code GET /api/assets/{id}} returns it.
	 *
	 * @param id the asset id
	 * @param name its name
	 * @param language its language
	 * @param updated when it was last changed
	 * @param text its code
	 */
	public record AssetDetail(String id, @Nullable String name, @Nullable String language, @Nullable Instant updated,
			String text) {

	}

}
