package app.pieces.model;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Inline content given to Pieces OS (e.g. a snippet used as question context).
 *
 * @param type the seed type, e.g. {@code SEEDED_ASSET}
 * @param asset the seeded asset
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Seed(
		@JsonProperty("type") @Nullable String type,
		@JsonProperty("asset") @Nullable SeededAsset asset) {

	/**
	 * The seed type of inline asset content.
	 */
	public static final String SEEDED_ASSET = "SEEDED_ASSET";

	/**
	 * Create a {@code SEEDED_ASSET} seed holding text.
	 * @param application the application the text comes from (Pieces OS requires one)
	 * @param raw the text
	 * @param ext the file extension of its language (e.g. {@code java}), or {@code null}
	 * @return the seed
	 */
	public static Seed ofText(Application application, String raw, @Nullable String ext) {
		return new Seed(SEEDED_ASSET,
				new SeededAsset(application, new SeededFormat(FragmentFormat.of(raw, ext), null), null));
	}

	/**
	 * Create a {@code SEEDED_ASSET} seed for a new asset ({@code POST /assets/create}).
	 * @param application the application that creates it (Pieces OS requires one)
	 * @param raw the text
	 * @param name the name of the new asset, or {@code null} to let Pieces OS name it
	 * @param ext the file extension of its language (e.g. {@code java}), or {@code null} to let Pieces OS
	 * classify it
	 * @return the seed
	 */
	public static Seed ofNewAsset(Application application, String raw, @Nullable String name, @Nullable String ext) {
		SeededAssetMetadata metadata = (name != null) ? new SeededAssetMetadata(name) : null;
		return new Seed(SEEDED_ASSET,
				new SeededAsset(application, new SeededFormat(FragmentFormat.of(raw, ext), null), metadata));
	}

	/**
	 * Return the text of this seed ({@code asset.format.fragment.string.raw}).
	 * @return the text, empty if the seed carries none
	 */
	public Optional<String> text() {
		SeededAsset seededAsset = this.asset;
		SeededFormat format = (seededAsset != null) ? seededAsset.format() : null;
		FragmentFormat fragment = (format != null) ? format.fragment() : null;
		TransferableString string = (fragment != null) ? fragment.string() : null;
		return Optional.ofNullable((string != null) ? string.raw() : null);
	}

}
