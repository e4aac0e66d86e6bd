package app.pieces.ai.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import app.pieces.ai.PiecesChatOptions;

/**
 * Configuration properties of the Pieces Copilot Spring AI chat model ({@code pieces.ai.chat.*}).
 */
@ConfigurationProperties("pieces.ai.chat")
public class PiecesChatProperties {

	/**
	 * Whether to register the Pieces Copilot chat model when Spring AI is on the class path.
	 */
	private boolean enabled = true;

	/**
	 * Default options of the chat model; a prompt's own options win.
	 */
	private final Options options = new Options();

	/**
	 * Return whether the chat model is registered.
	 * @return {@code true} to register it
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Set whether the chat model is registered.
	 * @param enabled {@code true} to register it
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Return the default options.
	 * @return the default options
	 */
	public Options getOptions() {
		return this.options;
	}

	/**
	 * Return the default options as {@link PiecesChatOptions}.
	 * @return the options
	 */
	public PiecesChatOptions toChatOptions() {
		return PiecesChatOptions.builder()
			.model(this.options.getModel())
			.conversationId(this.options.getConversationId())
			.assetIds(this.options.getAssetIds().isEmpty() ? null : this.options.getAssetIds())
			.build();
	}

	/**
	 * Default options of the chat model.
	 */
	public static class Options {

		/**
		 * Name (as Pieces OS lists it) or id of the model to ask. Unset: 'pieces.copilot.default-model', else
		 * the model Pieces OS chooses.
		 */
		private @Nullable String model;

		/**
		 * Id of the Pieces conversation every prompt continues. Unset: every prompt starts a new
		 * conversation unless its options name one.
		 */
		private @Nullable String conversationId;

		/**
		 * Ids of Pieces assets sent as context with every question.
		 */
		private List<String> assetIds = new ArrayList<>();

		/**
		 * Return the model name or id.
		 * @return the model, or {@code null} for the copilot's default
		 */
		public @Nullable String getModel() {
			return this.model;
		}

		/**
		 * Set the model name or id.
		 * @param model the model, or {@code null} for the copilot's default
		 */
		public void setModel(@Nullable String model) {
			this.model = model;
		}

		/**
		 * Return the conversation id.
		 * @return the conversation id, or {@code null} for new conversations
		 */
		public @Nullable String getConversationId() {
			return this.conversationId;
		}

		/**
		 * Set the conversation id.
		 * @param conversationId the conversation id, or {@code null} for new conversations
		 */
		public void setConversationId(@Nullable String conversationId) {
			this.conversationId = conversationId;
		}

		/**
		 * Return the asset ids.
		 * @return the asset ids
		 */
		public List<String> getAssetIds() {
			return this.assetIds;
		}

		/**
		 * Set the asset ids.
		 * @param assetIds the asset ids
		 */
		public void setAssetIds(List<String> assetIds) {
			this.assetIds = assetIds;
		}

	}

}
