package app.pieces.copilot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * One question for the copilot: the query, the conversation it belongs to (or none, for a new
 * conversation), the model and optional context: asset ids and raw text snippets used as relevance, files and
 * folders ({@link Builder#paths}), and long-term memory over a recent window of the workstream
 * ({@link Builder#longTermMemory}). {@link Builder#keepChat keepChat(false)} deletes the new conversation once
 * the answer has ended, for a question that should leave no trace in Pieces.
 * <p>
 * Build one with {@link #of(String)} or {@link #builder(String)}:
 * <pre class="code">
 * CopilotRequest request = CopilotRequest.builder("How do I add jitter to this retry helper?")
 * 	.conversation(previousAnswer.conversationId().join())
 * 	.model("GPT-4o Chat Model")
 * 	.assets(assetId)
 * 	.build();
 * </pre>
 * {@link #toString()} does not print the question or the context text, which may hold personal data.
 *
 * @param question the question, never blank
 * @param conversationId the id of an existing conversation to continue, or {@code null} to start a new one
 * @param model the name or id of the model to use, or {@code null} for the copilot's default
 * @param assetIds ids of assets to use as context (relevance)
 * @param contextTexts raw text snippets to use as context (relevance seeds)
 * @param paths files and folders to use as context (anchors Pieces OS creates for them)
 * @param longTermMemory how far back long-term memory looks for context, or {@code null} for no long-term memory
 * @param keepChat whether the conversation of the answer is kept in Pieces ({@code false} needs a new
 * conversation: it is deleted once the answer has ended)
 */
public record CopilotRequest(String question, @Nullable String conversationId, @Nullable String model,
		List<String> assetIds, List<String> contextTexts, List<String> paths, @Nullable Duration longTermMemory,
		boolean keepChat) {

	/**
	 * Validate and copy the components.
	 * @param question the question
	 * @param conversationId the conversation id or {@code null}
	 * @param model the model name or id or {@code null}
	 * @param assetIds asset ids used as context
	 * @param contextTexts raw text used as context
	 * @param paths files and folders used as context
	 * @param longTermMemory the long-term memory window, or {@code null}
	 * @param keepChat whether the conversation is kept
	 */
	public CopilotRequest {
		Assert.hasText(question, "'question' must not be empty");
		Assert.isTrue(conversationId == null || !conversationId.isBlank(), "'conversationId' must not be blank");
		Assert.isTrue(model == null || !model.isBlank(), "'model' must not be blank");
		Assert.notNull(assetIds, "'assetIds' must not be null");
		Assert.notNull(contextTexts, "'contextTexts' must not be null");
		Assert.notNull(paths, "'paths' must not be null");
		Assert.isTrue(longTermMemory == null || (!longTermMemory.isNegative() && !longTermMemory.isZero()),
				"'longTermMemory' must be a positive window");
		Assert.isTrue(keepChat || conversationId == null,
				"keepChat(false) needs a new conversation: an existing one is never deleted");
		assetIds = List.copyOf(assetIds);
		contextTexts = List.copyOf(contextTexts);
		paths = List.copyOf(paths);
	}

	/**
	 * Create a request for a question in a new conversation, with the default model and no context.
	 * @param question the question
	 * @return the request
	 */
	public static CopilotRequest of(String question) {
		return builder(question).build();
	}

	/**
	 * Start building a request.
	 * @param question the question
	 * @return a builder
	 */
	public static Builder builder(String question) {
		return new Builder(question);
	}

	/**
	 * Return a builder initialised from this request, e.g. to ask a follow-up with the same settings.
	 * @param question the question of the new request
	 * @return a builder
	 */
	public Builder toBuilder(String question) {
		Builder builder = new Builder(question).conversation(this.conversationId).model(this.model)
			.longTermMemory(this.longTermMemory)
			.keepChat(this.keepChat);
		builder.assetIds.addAll(this.assetIds);
		builder.contextTexts.addAll(this.contextTexts);
		builder.paths.addAll(this.paths);
		return builder;
	}

	/**
	 * Return whether this request starts a new conversation.
	 * @return {@code true} if no conversation id is set
	 */
	public boolean isNewConversation() {
		return this.conversationId == null;
	}

	@Override
	public String toString() {
		return "CopilotRequest[question=<" + this.question.length() + " chars>, conversationId="
				+ ((this.conversationId != null) ? this.conversationId : "new") + ", model="
				+ ((this.model != null) ? this.model : "default") + ", assetIds=" + this.assetIds + ", contextTexts="
				+ this.contextTexts.size() + ", paths=" + this.paths.size() + ", longTermMemory="
				+ ((this.longTermMemory != null) ? this.longTermMemory : "off") + ", keepChat=" + this.keepChat + "]";
	}

	/**
	 * Builder for {@link CopilotRequest}.
	 */
	public static final class Builder {

		private final String question;

		private @Nullable String conversationId;

		private @Nullable String model;

		private final List<String> assetIds = new ArrayList<>();

		private final List<String> contextTexts = new ArrayList<>();

		private final List<String> paths = new ArrayList<>();

		private @Nullable Duration longTermMemory;

		private boolean keepChat = true;

		private Builder(String question) {
			this.question = question;
		}

		/**
		 * Continue an existing conversation.
		 * @param conversationId the conversation id, or {@code null} for a new conversation
		 * @return this builder
		 */
		public Builder conversation(@Nullable String conversationId) {
			this.conversationId = conversationId;
			return this;
		}

		/**
		 * Start a new conversation (the default); Pieces OS creates it and reports its id in the answer.
		 * @return this builder
		 */
		public Builder newConversation() {
			this.conversationId = null;
			return this;
		}

		/**
		 * Use a model, by its name (as listed by {@link PiecesCopilot#models()}) or its id.
		 * @param model the model name or id, or {@code null} for the copilot's default
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Add assets as context.
		 * @param assetIds the asset ids
		 * @return this builder
		 */
		public Builder assets(String... assetIds) {
			return assets(Arrays.asList(assetIds));
		}

		/**
		 * Add assets as context.
		 * @param assetIds the asset ids
		 * @return this builder
		 */
		public Builder assets(List<String> assetIds) {
			for (String assetId : assetIds) {
				Assert.hasText(assetId, "asset ids must not be empty");
				this.assetIds.add(assetId);
			}
			return this;
		}

		/**
		 * Add raw text (e.g. a code snippet) as context.
		 * @param text the text
		 * @return this builder
		 */
		public Builder context(String text) {
			Assert.hasText(text, "'text' must not be empty");
			this.contextTexts.add(text);
			return this;
		}

		/**
		 * Add files or folders as context (a path ending with {@code /} or {@code \\}, or without a dot in its last
		 * part, is taken as a folder): Pieces OS tracks each as an anchor and reads it for the answer.
		 * @param paths the full paths
		 * @return this builder
		 */
		public Builder paths(String... paths) {
			for (String path : paths) {
				Assert.hasText(path, "paths must not be empty");
				this.paths.add(path);
			}
			return this;
		}

		/**
		 * Let long-term memory answer from the user's workstream of the last {@code window} (what Pieces saw them
		 * work on); {@code null} switches it off (the default).
		 * @param window how far back to look, e.g. {@code Duration.ofHours(2)}
		 * @return this builder
		 */
		public Builder longTermMemory(@Nullable Duration window) {
			this.longTermMemory = window;
			return this;
		}

		/**
		 * Keep the conversation of the answer in Pieces (the default), or delete it once the answer has ended
		 * ({@code false}; only for a new conversation).
		 * @param keepChat whether to keep the conversation
		 * @return this builder
		 */
		public Builder keepChat(boolean keepChat) {
			this.keepChat = keepChat;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public CopilotRequest build() {
			return new CopilotRequest(this.question, this.conversationId, this.model, this.assetIds,
					this.contextTexts, this.paths, this.longTermMemory, this.keepChat);
		}

	}

}
