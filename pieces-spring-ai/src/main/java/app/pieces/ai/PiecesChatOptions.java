package app.pieces.ai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.DefaultChatOptionsBuilder;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.util.Assert;

/**
 * {@link ChatOptions} of the {@link PiecesChatModel}: the Pieces OS model, the conversation to continue and the
 * assets to use as context.
 * <pre class="code">
 * PiecesChatOptions options = PiecesChatOptions.builder()
 * 	.model("GPT-4o Chat Model")
 * 	.conversationId(conversationId)
 * 	.assetIds("0b3c...", "7f1e...")
 * 	.build();
 * String answer = ChatClient.create(piecesChatModel).prompt("And in Kotlin?").options(options.mutate()).call().content();
 * </pre>
 * <ul>
 * <li>{@link #getModel() model}: a model name as Pieces OS lists it (exact, then ignoring case) or a model id;
 * {@code null} uses the copilot's default model, or lets Pieces OS choose;</li>
 * <li>{@link #getConversationId() conversationId}: continue this Pieces conversation (it keeps the earlier
 * turns); {@code null} starts a new conversation, whose id the response metadata reports;</li>
 * <li>{@link #getPaths() paths}: files and folders sent as context (Pieces OS tracks each as an anchor);</li>
 * <li>{@link #getLongTermMemory() longTermMemory}: let long-term memory answer from the workstream of that
 * recent window;</li>
 * <li>{@link #getKeepChat() keepChat}: {@code false} deletes the new Pieces conversation once answered;</li>
 * <li>{@link #getAssetIds() assetIds}: ids of Pieces assets (saved snippets) sent as context with the
 * question.</li>
 * </ul>
 * The portable sampling options ({@code temperature}, {@code maxTokens}, {@code topP}, {@code topK},
 * {@code frequencyPenalty}, {@code presencePenalty}, {@code stopSequences}) are kept so that they can be merged
 * and show in observations, but Pieces OS has no such settings: they do not change the answer.
 * <p>
 * Instances are immutable; {@link #mutate()} returns a builder initialised with this instance's values and
 * {@link Builder#combineWith(ChatOptions.Builder)} merges the non-null values of another builder into it (a
 * non-null asset id list replaces the current one; stop sequences are appended, as Spring AI's own builder
 * does).
 */
public final class PiecesChatOptions implements ToolCallingChatOptions {

	private final @Nullable String model;

	private final @Nullable String conversationId;

	private final @Nullable List<String> assetIds;

	private final @Nullable List<String> paths;

	private final @Nullable Duration longTermMemory;

	private final @Nullable Boolean keepChat;

	private final @Nullable Double frequencyPenalty;

	private final @Nullable Integer maxTokens;

	private final @Nullable Double presencePenalty;

	private final @Nullable List<String> stopSequences;

	private final @Nullable Double temperature;

	private final @Nullable Integer topK;

	private final @Nullable Double topP;

	// kept only so that the chat model can refuse them: Pieces Copilot does not call tools
	private final List<ToolCallback> toolCallbacks;

	private final Map<String, Object> toolContext;

	private PiecesChatOptions(Builder builder) {
		this.model = builder.model();
		this.conversationId = builder.conversationId;
		this.assetIds = (builder.assetIds != null) ? List.copyOf(builder.assetIds) : null;
		this.paths = (builder.paths != null) ? List.copyOf(builder.paths) : null;
		this.longTermMemory = builder.longTermMemory;
		this.keepChat = builder.keepChat;
		this.frequencyPenalty = builder.frequencyPenalty();
		this.maxTokens = builder.maxTokens();
		this.presencePenalty = builder.presencePenalty();
		List<String> stops = builder.stopSequences();
		this.stopSequences = (stops != null) ? List.copyOf(stops) : null;
		this.temperature = builder.temperature();
		this.topK = builder.topK();
		this.topP = builder.topP();
		this.toolCallbacks = List.copyOf(builder.toolCallbacks);
		this.toolContext = Map.copyOf(builder.toolContext);
	}

	/**
	 * Start building options.
	 * @return a new builder with every option unset
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return Pieces options with the values of any {@link ChatOptions}: all of them when {@code options} are
	 * {@code PiecesChatOptions}, else the portable ones (model and sampling options).
	 * @param options the options to convert
	 * @return the Pieces options
	 */
	public static PiecesChatOptions fromOptions(ChatOptions options) {
		Assert.notNull(options, "'options' must not be null");
		if (options instanceof PiecesChatOptions piecesOptions) {
			return piecesOptions;
		}
		Builder builder = builder();
		if (options instanceof ToolCallingChatOptions tools) {
			builder.toolCallbacks(tools.getToolCallbacks()).toolContext(tools.getToolContext());
		}
		return builder.model(options.getModel())
			.frequencyPenalty(options.getFrequencyPenalty())
			.maxTokens(options.getMaxTokens())
			.presencePenalty(options.getPresencePenalty())
			.stopSequences(options.getStopSequences())
			.temperature(options.getTemperature())
			.topK(options.getTopK())
			.topP(options.getTopP())
			.build();
	}

	@Override
	public @Nullable String getModel() {
		return this.model;
	}

	/**
	 * Return the id of the Pieces conversation to continue.
	 * @return the conversation id, or {@code null} to start a new conversation
	 */
	public @Nullable String getConversationId() {
		return this.conversationId;
	}

	/**
	 * Return the files and folders sent as context.
	 * @return the paths (immutable), or {@code null} when unset
	 */
	public @Nullable List<String> getPaths() {
		return this.paths;
	}

	/**
	 * Return how far back long-term memory looks for context.
	 * @return the window, or {@code null} for no long-term memory
	 */
	public @Nullable Duration getLongTermMemory() {
		return this.longTermMemory;
	}

	/**
	 * Return whether the Pieces conversation of the answer is kept.
	 * @return {@code false} to delete a new conversation once answered, {@code null} when unset (kept)
	 */
	public @Nullable Boolean getKeepChat() {
		return this.keepChat;
	}

	/**
	 * Return the ids of the Pieces assets sent as context.
	 * @return the asset ids (immutable), or {@code null} when unset
	 */
	public @Nullable List<String> getAssetIds() {
		return this.assetIds;
	}

	@Override
	public @Nullable Double getFrequencyPenalty() {
		return this.frequencyPenalty;
	}

	@Override
	public @Nullable Integer getMaxTokens() {
		return this.maxTokens;
	}

	@Override
	public @Nullable Double getPresencePenalty() {
		return this.presencePenalty;
	}

	@Override
	public @Nullable List<String> getStopSequences() {
		return this.stopSequences;
	}

	@Override
	public @Nullable Double getTemperature() {
		return this.temperature;
	}

	@Override
	public @Nullable Integer getTopK() {
		return this.topK;
	}

	@Override
	public @Nullable Double getTopP() {
		return this.topP;
	}

	/**
	 * Return the tools registered with the prompt. Pieces Copilot does not call tools: {@link PiecesChatModel}
	 * refuses a prompt that has any.
	 * @return the tool callbacks, empty unless a caller registered tools
	 */
	@Override
	public List<ToolCallback> getToolCallbacks() {
		return this.toolCallbacks;
	}

	/**
	 * Return the tool context registered with the prompt (unused: Pieces Copilot does not call tools).
	 * @return the tool context
	 */
	@Override
	public Map<String, Object> getToolContext() {
		return this.toolContext;
	}

	/**
	 * Return a builder initialised with the values of these options.
	 * @return a new builder
	 */
	@Override
	public Builder mutate() {
		Builder builder = builder().model(this.model)
			.conversationId(this.conversationId)
			.frequencyPenalty(this.frequencyPenalty)
			.maxTokens(this.maxTokens)
			.presencePenalty(this.presencePenalty)
			.stopSequences(this.stopSequences)
			.temperature(this.temperature)
			.topK(this.topK)
			.topP(this.topP);
		builder.assetIds = (this.assetIds != null) ? new ArrayList<>(this.assetIds) : null;
		builder.paths = (this.paths != null) ? new ArrayList<>(this.paths) : null;
		builder.longTermMemory = this.longTermMemory;
		builder.keepChat = this.keepChat;
		builder.toolCallbacks(this.toolCallbacks).toolContext(this.toolContext);
		return builder;
	}

	/**
	 * Return a copy of these options (they are immutable, so this is mainly for symmetry with other Spring AI
	 * options).
	 * @return an equal instance
	 */
	public PiecesChatOptions copy() {
		return mutate().build();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof PiecesChatOptions that)) {
			return false;
		}
		return Objects.equals(this.model, that.model) && Objects.equals(this.conversationId, that.conversationId)
				&& Objects.equals(this.assetIds, that.assetIds) && Objects.equals(this.paths, that.paths)
				&& Objects.equals(this.longTermMemory, that.longTermMemory) && Objects.equals(this.keepChat, that.keepChat)
				&& Objects.equals(this.frequencyPenalty, that.frequencyPenalty)
				&& Objects.equals(this.maxTokens, that.maxTokens)
				&& Objects.equals(this.presencePenalty, that.presencePenalty)
				&& Objects.equals(this.stopSequences, that.stopSequences)
				&& Objects.equals(this.temperature, that.temperature) && Objects.equals(this.topK, that.topK)
				&& Objects.equals(this.topP, that.topP) && this.toolCallbacks.equals(that.toolCallbacks)
				&& this.toolContext.equals(that.toolContext);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.conversationId, this.assetIds, this.paths, this.longTermMemory,
				this.keepChat, this.frequencyPenalty, this.maxTokens,
				this.presencePenalty, this.stopSequences, this.temperature, this.topK, this.topP, this.toolCallbacks,
				this.toolContext);
	}

	@Override
	public String toString() {
		return "PiecesChatOptions[model=" + ((this.model != null) ? this.model : "default") + ", conversationId="
				+ ((this.conversationId != null) ? this.conversationId : "new") + ", assetIds="
				+ ((this.assetIds != null) ? this.assetIds : "[]")
				+ ((this.paths != null) ? ", paths=" + this.paths.size() : "")
				+ ((this.longTermMemory != null) ? ", longTermMemory=" + this.longTermMemory : "")
				+ (Boolean.FALSE.equals(this.keepChat) ? ", keepChat=false" : "") + ", temperature=" + this.temperature
				+ ", maxTokens=" + this.maxTokens + "]";
	}

	/**
	 * Builder for {@link PiecesChatOptions}; also what {@code ChatClient.prompt().options(...)} takes.
	 */
	public static final class Builder extends DefaultChatOptionsBuilder<Builder>
			implements ToolCallingChatOptions.Builder<Builder> {

		private @Nullable String conversationId;

		private @Nullable List<String> assetIds;

		private @Nullable List<String> paths;

		private @Nullable Duration longTermMemory;

		private @Nullable Boolean keepChat;

		private List<ToolCallback> toolCallbacks = new ArrayList<>();

		private Map<String, Object> toolContext = new LinkedHashMap<>();

		Builder() {
		}

		/**
		 * Continue a Pieces conversation.
		 * @param conversationId the conversation id, or {@code null} to start a new conversation
		 * @return this builder
		 */
		public Builder conversationId(@Nullable String conversationId) {
			Assert.isTrue(conversationId == null || !conversationId.isBlank(), "'conversationId' must not be blank");
			this.conversationId = conversationId;
			return this;
		}

		/**
		 * Use Pieces assets as context, replacing any asset ids set before.
		 * @param assetIds the asset ids, or {@code null} to unset them
		 * @return this builder
		 */
		public Builder assetIds(@Nullable List<String> assetIds) {
			if (assetIds == null) {
				this.assetIds = null;
				return this;
			}
			for (String assetId : assetIds) {
				Assert.hasText(assetId, "asset ids must not be empty");
			}
			this.assetIds = new ArrayList<>(assetIds);
			return this;
		}

		/**
		 * Use Pieces assets as context, replacing any asset ids set before.
		 * @param assetIds the asset ids
		 * @return this builder
		 */
		public Builder assetIds(String... assetIds) {
			return assetIds(Arrays.asList(assetIds));
		}

		/**
		 * Send files and folders as context, replacing any paths set before.
		 * @param paths the full paths, or {@code null} to unset them
		 * @return this builder
		 */
		public Builder paths(@Nullable List<String> paths) {
			if (paths != null) {
				paths.forEach((path) -> Assert.hasText(path, "paths must not be empty"));
			}
			this.paths = (paths != null) ? new ArrayList<>(paths) : null;
			return this;
		}

		/**
		 * Let long-term memory answer from the workstream of the last {@code window}.
		 * @param window how far back to look, or {@code null} for no long-term memory
		 * @return this builder
		 */
		public Builder longTermMemory(@Nullable Duration window) {
			Assert.isTrue(window == null || (!window.isNegative() && !window.isZero()),
					"'longTermMemory' must be a positive window");
			this.longTermMemory = window;
			return this;
		}

		/**
		 * Keep the Pieces conversation of the answer ({@code true}, the default), or delete a new one once
		 * answered ({@code false}).
		 * @param keepChat whether to keep it, or {@code null} to unset
		 * @return this builder
		 */
		public Builder keepChat(@Nullable Boolean keepChat) {
			this.keepChat = keepChat;
			return this;
		}

		/**
		 * Record the tools of a prompt. {@code ChatClient} registers its tools here; {@link PiecesChatModel} refuses
		 * a prompt that has any, since Pieces Copilot does not call tools.
		 * @param toolCallbacks the tools
		 * @return this builder
		 */
		@Override
		public Builder toolCallbacks(List<ToolCallback> toolCallbacks) {
			Assert.notNull(toolCallbacks, "'toolCallbacks' must not be null");
			this.toolCallbacks = new ArrayList<>(toolCallbacks);
			return this;
		}

		@Override
		public Builder toolCallbacks(ToolCallback... toolCallbacks) {
			return toolCallbacks(Arrays.asList(toolCallbacks));
		}

		@Override
		public Builder toolContext(Map<String, Object> toolContext) {
			Assert.notNull(toolContext, "'toolContext' must not be null");
			this.toolContext = new LinkedHashMap<>(toolContext);
			return this;
		}

		@Override
		public Builder toolContext(String key, Object value) {
			this.toolContext.put(key, value);
			return this;
		}

		/**
		 * Take the non-null values of another builder: all of them for a Pieces builder, the portable ones
		 * for any other {@link DefaultChatOptionsBuilder}.
		 * @param other the builder whose values win
		 * @return this builder
		 */
		@Override
		public Builder combineWith(ChatOptions.Builder<?> other) {
			super.combineWith(other);
			if (other instanceof Builder that) {
				if (that.conversationId != null) {
					this.conversationId = that.conversationId;
				}
				if (that.assetIds != null) {
					this.assetIds = new ArrayList<>(that.assetIds);
				}
				if (that.paths != null) {
					this.paths = new ArrayList<>(that.paths);
				}
				if (that.longTermMemory != null) {
					this.longTermMemory = that.longTermMemory;
				}
				if (that.keepChat != null) {
					this.keepChat = that.keepChat;
				}
				if (!that.toolCallbacks.isEmpty()) {
					this.toolCallbacks = new ArrayList<>(that.toolCallbacks);
				}
				this.toolContext.putAll(that.toolContext);
			}
			return this;
		}

		@Override
		public Builder clone() {
			Builder copy = super.clone();
			copy.assetIds = (this.assetIds != null) ? new ArrayList<>(this.assetIds) : null;
			copy.paths = (this.paths != null) ? new ArrayList<>(this.paths) : null;
			copy.toolCallbacks = new ArrayList<>(this.toolCallbacks);
			copy.toolContext = new LinkedHashMap<>(this.toolContext);
			return copy;
		}

		/**
		 * Build the options.
		 * @return new options
		 */
		@Override
		public PiecesChatOptions build() {
			return new PiecesChatOptions(this);
		}

		private @Nullable String model() {
			return this.model;
		}

		private @Nullable Double frequencyPenalty() {
			return this.frequencyPenalty;
		}

		private @Nullable Integer maxTokens() {
			return this.maxTokens;
		}

		private @Nullable Double presencePenalty() {
			return this.presencePenalty;
		}

		private @Nullable List<String> stopSequences() {
			return this.stopSequences;
		}

		private @Nullable Double temperature() {
			return this.temperature;
		}

		private @Nullable Integer topK() {
			return this.topK;
		}

		private @Nullable Double topP() {
			return this.topP;
		}

	}

}
