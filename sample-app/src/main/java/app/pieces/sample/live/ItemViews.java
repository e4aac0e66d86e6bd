package app.pieces.sample.live;

import java.time.Instant;

import app.pieces.model.Asset;
import app.pieces.model.Conversation;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of assets and conversations served by {@code /api/*} and pushed to the page.
 *
 * @author Pieces starter team
 */
public final class ItemViews {

	private ItemViews() {
	}

	/**
	 * Return the view of an asset.
	 * @param asset the cached asset
	 * @return the view
	 */
	public static AssetView of(Asset asset) {
		return new AssetView(asset.id(), asset.name(), asset.language(), asset.updatedAt());
	}

	/**
	 * Return the view of a conversation.
	 * @param conversation the cached conversation
	 * @return the view
	 */
	public static ConversationView of(Conversation conversation) {
		return new ConversationView(conversation.id(), conversation.name(), conversation.updatedAt());
	}

	/**
	 * An asset as listed by {@code GET /api/assets}.
	 *
	 * @param id the asset id
	 * @param name the asset name, if any
	 * @param language the language (file-extension style, e.g. {@code java}), if classified
	 * @param updated when the asset was last updated
	 */
	public record AssetView(String id, @Nullable String name, @Nullable String language, @Nullable Instant updated) {

	}

	/**
	 * A conversation as listed by {@code GET /api/conversations}.
	 *
	 * @param id the conversation id
	 * @param name the conversation name, if any
	 * @param updated when the conversation was last updated
	 */
	public record ConversationView(String id, @Nullable String name, @Nullable Instant updated) {

	}

}
