package app.pieces.simulator;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The asset writes of Pieces OS, shaped as the official models: {@code POST /assets/create} ({@code Seed} to
 * {@code Asset}), {@code POST /asset/update} ({@code Asset} to {@code Asset}: the name and {@code favorited}),
 * {@code POST /asset/reclassify} ({@code AssetReclassification} to {@code Asset}), {@code POST
 * /format/update/value} ({@code Format} to {@code Format}: the raw text of the fragment) and
 * {@code POST /assets/{id}/delete} (the id, as text). Every change is announced on the assets stream like a
 * change made in the desktop app.
 */
final class AssetsRest {

	/** The largest text a seed or a format update may carry (the simulator's limit, answered with 413). */
	static final int MAX_TEXT_BYTES = 4 * 1024 * 1024;

	private final SimulatorHub hub;

	AssetsRest(SimulatorHub hub) {
		this.hub = hub;
	}

	ObjectNode create(JsonNode seed, boolean transferables) {
		String type = Json.text(seed, "type");
		if (type != null && !type.equals("SEEDED_ASSET")) {
			throw RestRejection.badRequest("Seed.type must be SEEDED_ASSET to create an asset, not " + type);
		}
		JsonNode asset = Json.objectField(seed, "asset");
		if (asset == null) {
			throw RestRejection.badRequest("Seed requires asset (SeededAsset)");
		}
		if (Json.text(Json.objectField(asset, "application"), "id") == null) {
			throw RestRejection.badRequest("SeededAsset requires application (Application) with its id");
		}
		JsonNode format = Json.objectField(asset, "format");
		JsonNode fragment = Json.objectField(format, "fragment");
		String text = Json.text(Json.objectField(fragment, "string"), "raw");
		checkText(text, "SeededAsset.format.fragment.string.raw");
		String language = Json.text(Json.objectField(fragment, "metadata"), "ext");
		if (language == null) {
			language = Json.text(Json.objectField(format, "classification"), "specific");
		}
		String name = Json.text(Json.objectField(asset, "metadata"), "name");
		SimulatorStore.AssetRecord created = this.hub.createAsset((name != null) ? name : firstLine(text),
				text, (language != null) ? language : "txt", false);
		return this.hub.store().assetJson(created.id, transferables);
	}

	ObjectNode update(JsonNode asset, boolean transferables) {
		String id = requiredId(asset, "Asset");
		String name = Json.text(asset, "name");
		JsonNode favorited = asset.get("favorited");
		synchronized (this.hub.store()) {
			// only what differs is a change (the official clients send the whole asset back)
			SimulatorStore.AssetRecord current = this.hub.store().asset(id);
			if (name != null && !name.equals(current.name)) {
				this.hub.editAsset(id, name, null, null);
			}
			if (favorited != null && favorited.isBoolean() && favorited.asBoolean() != current.favorited) {
				this.hub.favoriteAsset(id, favorited.asBoolean());
			}
		}
		return this.hub.store().assetJson(id, transferables);
	}

	ObjectNode reclassify(JsonNode reclassification, boolean transferables) {
		String id = requiredId(Json.objectField(reclassification, "asset"), "AssetReclassification.asset");
		String ext = Json.text(reclassification, "ext");
		if (ext == null || ext.isBlank()) {
			throw RestRejection.badRequest("AssetReclassification requires ext (ClassificationSpecificEnum)");
		}
		this.hub.editAsset(id, null, null, ext);
		return this.hub.store().assetJson(id, transferables);
	}

	ObjectNode updateFormatValue(JsonNode format, boolean transferable) {
		String formatId = requiredId(format, "Format");
		String text = Json.text(Json.objectField(Json.objectField(format, "fragment"), "string"), "raw");
		checkText(text, "Format.fragment.string.raw");
		SimulatorStore.AssetRecord asset = this.hub.store().assetOfFormat(formatId);
		this.hub.editAsset(asset.id, null, text, null);
		return this.hub.store().formatJson(formatId, transferable);
	}

	String delete(String id) {
		this.hub.deleteAsset(id, false);
		return id;
	}

	private static String requiredId(@Nullable JsonNode node, String model) {
		String id = Json.text(node, "id");
		if (id == null || id.isBlank()) {
			throw RestRejection.badRequest(model + " requires id");
		}
		return id;
	}

	private static void checkText(@Nullable String text, String field) {
		if (text == null || text.isBlank()) {
			throw RestRejection.badRequest(field + " must hold the text (it is missing or blank)");
		}
		int bytes = text.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_TEXT_BYTES) {
			throw new RestRejection(413,
					field + " holds " + bytes + " bytes, more than the " + MAX_TEXT_BYTES + " bytes accepted");
		}
	}

	private static String firstLine(String text) {
		String line = text.strip().lines().findFirst().orElse("").strip();
		return line.isEmpty() ? "Untitled snippet" : (line.length() > 60) ? line.substring(0, 60) : line;
	}

}
