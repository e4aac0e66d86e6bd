package app.pieces.ai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.RetryUtils;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.StreamingChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.Assert;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

import app.pieces.copilot.CopilotAnswer;
import app.pieces.copilot.CopilotException;
import app.pieces.copilot.CopilotRequest;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.copilot.ReactorCopilot;
import app.pieces.model.QGPTStreamOutput;

/**
 * Pieces Copilot as a Spring AI {@link ChatModel} and {@link StreamingChatModel}: the local, private LLMs of
 * Pieces OS behind Spring AI's {@code ChatClient}.
 * <pre class="code">
 * PiecesChatModel chatModel = new PiecesChatModel(piecesCopilot);
 * String answer = ChatClient.create(chatModel).prompt("How do I add jitter to this retry helper?").call().content();
 * </pre>
 * <p>
 * <b>Requests.</b> Each call asks one question with {@link PiecesCopilot#ask(CopilotRequest)}; how the messages
 * of the prompt become that question (system messages first, earlier turns either left to the Pieces
 * conversation or written as a transcript) is documented on {@link PiecesPromptMapper}. Options are the
 * {@linkplain #getOptions() default options} combined with the prompt's options (the prompt's non-null values
 * win); any {@link ChatOptions} work, {@link PiecesChatOptions} add the conversation id and the asset ids.
 * <p>
 * <b>Responses.</b> One {@link Generation} whose {@link AssistantMessage} holds the answer text. Its metadata:
 * finish reason {@value #FINISH_REASON_STOP} (the answer ended {@code COMPLETED}) and the keys
 * {@value #METADATA_CONVERSATION_ID} (the Pieces conversation, use it to ask a follow-up) and
 * {@value #METADATA_STATUS}; the {@link ChatResponseMetadata} carries the request id as
 * {@link ChatResponseMetadata#getId() id}, the name of the model Pieces OS used as
 * {@link ChatResponseMetadata#getModel() model} (empty when Pieces OS chose it) and
 * {@value #METADATA_CONVERSATION_ID}. Pieces OS reports no token usage, so the usage is empty.
 * <p>
 * <b>Streaming.</b> {@link #stream(Prompt)} is cold: each subscription asks the question once. It emits one
 * {@link ChatResponse} per chunk, in order (response metadata as above; the conversation id once known), then a
 * last response with empty text and the finish reason. Cancelling the subscription
 * {@linkplain CopilotAnswer#stop() stops} the answer: a {@code stop} frame goes to Pieces OS. Chunks are emitted
 * on the copilot socket's thread: keep downstream operators quick or {@code publishOn} another scheduler. The
 * question itself is asked on Reactor's bounded elastic scheduler, because asking may first look the model up
 * over REST: subscribing never blocks the caller, so a WebFlux event loop can subscribe directly.
 * <p>
 * <b>Errors</b> are Spring AI's exceptions with the copilot's exception as cause: a {@code FAILED} answer with
 * {@code statusCode} 408, 429 or 5xx, a timeout, a lost connection or an unreachable Pieces OS become a
 * {@link org.springframework.ai.retry.TransientAiException}; an unknown model (the message lists the available
 * ones), another {@code FAILED} answer (for example 401 {@code UserSubscriptionRequired}) or an answer stopped by
 * Pieces OS become a {@link org.springframework.ai.retry.NonTransientAiException}. The message of a
 * {@code FAILED} answer holds Pieces OS's {@code errorMessage} and {@code statusCode}. Prompts that cannot be
 * mapped fail with an {@link IllegalArgumentException}. {@link #call(Prompt)} blocks until the answer ends; the
 * copilot's silence timeout ({@code CopilotSettings#timeout()}) bounds the wait.
 * <p>
 * <b>Observations</b> follow Spring AI's chat model conventions
 * ({@link ChatModelObservationDocumentation#CHAT_MODEL_OPERATION}, {@link DefaultChatModelObservationConvention},
 * {@link ChatModelObservationContext}) with provider {@value #PROVIDER}, so Spring AI's meters
 * ({@code gen_ai.client.operation}) and dashboards work unchanged.
 */
public class PiecesChatModel implements ChatModel, StreamingChatModel {

	/** The {@code gen_ai.system} (AI provider) of the observations. */
	public static final String PROVIDER = "pieces";

	/** The finish reason of an answer that Pieces OS completed. */
	public static final String FINISH_REASON_STOP = "STOP";

	/** Metadata key of the Pieces conversation id (response, generation and assistant message metadata). */
	public static final String METADATA_CONVERSATION_ID = "conversationId";

	/** Generation metadata key of the Pieces OS terminal status, e.g. {@code COMPLETED}. */
	public static final String METADATA_STATUS = "status";

	private static final Log logger = LogFactory.getLog(PiecesChatModel.class);

	private static final ChatModelObservationConvention DEFAULT_OBSERVATION_CONVENTION = new DefaultChatModelObservationConvention();

	private final PiecesCopilot copilot;

	private final PiecesChatOptions defaultOptions;

	private final ObservationRegistry observationRegistry;

	private @Nullable ChatModelObservationConvention observationConvention;

	private @Nullable RetryTemplate retryTemplate;

	/**
	 * Create a chat model with no default options and no observations.
	 * @param copilot the copilot to ask
	 */
	public PiecesChatModel(PiecesCopilot copilot) {
		this(copilot, PiecesChatOptions.builder().build(), ObservationRegistry.NOOP);
	}

	/**
	 * Create a chat model.
	 * @param copilot the copilot to ask
	 * @param defaultOptions the options used where a prompt sets none
	 * @param observationRegistry the registry to record observations in ({@link ObservationRegistry#NOOP} for
	 * none)
	 */
	public PiecesChatModel(PiecesCopilot copilot, PiecesChatOptions defaultOptions,
			ObservationRegistry observationRegistry) {
		Assert.notNull(copilot, "'copilot' must not be null");
		Assert.notNull(defaultOptions, "'defaultOptions' must not be null");
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.copilot = copilot;
		this.defaultOptions = defaultOptions;
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Start building a chat model.
	 * @param copilot the copilot to ask
	 * @return a builder
	 */
	public static Builder builder(PiecesCopilot copilot) {
		return new Builder(copilot);
	}

	/**
	 * Return the default options (immutable); {@code ChatClient} starts from them.
	 * @return the default options
	 */
	@Override
	public PiecesChatOptions getOptions() {
		return this.defaultOptions;
	}

	/**
	 * Use a custom observation convention instead of {@link DefaultChatModelObservationConvention}.
	 * @param observationConvention the convention
	 */
	public void setObservationConvention(ChatModelObservationConvention observationConvention) {
		Assert.notNull(observationConvention, "'observationConvention' must not be null");
		this.observationConvention = observationConvention;
	}

	/**
	 * Ask the question of the prompt and wait for the whole answer.
	 * @param prompt the prompt
	 * @return the response
	 * @throws org.springframework.ai.retry.TransientAiException if the answer failed in a way worth retrying
	 * @throws org.springframework.ai.retry.NonTransientAiException if the answer failed otherwise
	 * @throws IllegalArgumentException if the prompt cannot be mapped to a question
	 */
	@Override
	public ChatResponse call(Prompt prompt) {
		Assert.notNull(prompt, "'prompt' must not be null");
		Prompt requestPrompt = requestPrompt(prompt);
		PiecesChatOptions options = (PiecesChatOptions) requestPrompt.getOptions();
		CopilotRequest request = PiecesPromptMapper.toRequest(requestPrompt, options);
		ChatModelObservationContext observationContext = ChatModelObservationContext.builder()
			.prompt(requestPrompt)
			.provider(PROVIDER)
			.build();
		ChatResponse response = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(this.observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> observationContext,
					this.observationRegistry)
			.observe(() -> {
				RetryTemplate retry = this.retryTemplate;
				ChatResponse chatResponse = (retry != null) ? RetryUtils.execute(retry, () -> doCall(request))
						: doCall(request);
				observationContext.setResponse(chatResponse);
				return chatResponse;
			});
		return Objects.requireNonNull(response);
	}

	private ChatResponse doCall(CopilotRequest request) {
		CopilotAnswer answer = ask(request);
		try {
			QGPTStreamOutput last = answer.completion().get();
			String text = answer.text().get();
			return response(answer, text, last.conversation(), true);
		}
		catch (InterruptedException ex) {
			// stop() ends the answer and hands the stop frame to a socket worker, which writes it: the interrupt flag
			// restored below never reaches the (blocking) websocket write, so the shared socket stays open
			answer.stop();
			Thread.currentThread().interrupt();
			throw PiecesAiExceptions.translate(new CopilotException(
					"Interrupted while waiting for copilot answer " + answer.requestId(), answer.requestId(), ex));
		}
		catch (ExecutionException | CancellationException ex) {
			throw failed(answer, ex);
		}
	}

	private static RuntimeException failed(CopilotAnswer answer, Throwable ex) {
		RuntimeException translated = PiecesAiExceptions.translate(ex);
		logger.warn("Pieces Copilot answer " + answer.requestId() + " failed: " + translated.getMessage());
		return translated;
	}

	/**
	 * Retry a blocking {@link #call(Prompt)} whose answer failed in a way worth retrying
	 * ({@link org.springframework.ai.retry.TransientAiException}: Pieces OS busy, away or silent), as the template
	 * says; Spring AI's auto-configured template follows {@code spring.ai.retry.*}. Each attempt asks the question
	 * anew. {@link #stream(Prompt)} never retries: chunks already handed out cannot be taken back.
	 * @param retryTemplate the template, or {@code null} for a single attempt (the default)
	 */
	public void setRetryTemplate(@Nullable RetryTemplate retryTemplate) {
		this.retryTemplate = retryTemplate;
	}

	/**
	 * Ask the question of the prompt and stream the answer; cancelling stops the answer on Pieces OS.
	 * @param prompt the prompt
	 * @return a cold flux of one response per chunk and a last one with the finish reason; it fails with the
	 * exceptions {@link #call(Prompt)} throws
	 */
	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		Assert.notNull(prompt, "'prompt' must not be null");
		return Flux.deferContextual((contextView) -> {
			Prompt requestPrompt = requestPrompt(prompt);
			PiecesChatOptions options = (PiecesChatOptions) requestPrompt.getOptions();
			CopilotRequest request = PiecesPromptMapper.toRequest(requestPrompt, options);
			ChatModelObservationContext observationContext = ChatModelObservationContext.builder()
				.prompt(requestPrompt)
				.provider(PROVIDER)
				.streaming(true)
				.build();
			Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(
					this.observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> observationContext,
					this.observationRegistry);
			observation.parentObservation(contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null)).start();
			CopilotAnswer answer;
			try (Observation.Scope scope = observation.openScope()) {
				// in scope: the copilot's own observation of the question becomes a child of this one
				answer = ask(request);
			}
			catch (RuntimeException ex) {
				observation.error(ex);
				observation.stop();
				return Flux.error(ex);
			}
			Flux<ChatResponse> chunks = ReactorCopilot.chunks(answer)
				.map((chunk) -> response(answer, chunk, knownConversationId(answer), false));
			Flux<ChatResponse> last = Mono.fromFuture(answer.completion(), true).map((frame) -> {
				observationContext.setResponse(response(answer, answer.textSoFar(), frame.conversation(), true));
				return response(answer, "", frame.conversation(), true);
			}).flux();
			return chunks.concatWith(last)
				.doFinally((signal) -> {
					// after the cancel reached the chunk subscription, so that the stop is not signalled as an error
					if (signal == SignalType.CANCEL && answer.stop()) {
						logger.debug("Stopped copilot answer " + answer.requestId() + ": the stream was cancelled");
					}
				})
				.onErrorMap((ex) -> failed(answer, ex))
				// stop the observation before the subscriber sees the terminal signal
				.doOnComplete(observation::stop)
				.doOnError((ex) -> {
					observation.error(ex);
					observation.stop();
				})
				.doOnCancel(observation::stop)
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observation));
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private CopilotAnswer ask(CopilotRequest request) {
		try {
			return this.copilot.ask(request);
		}
		catch (RuntimeException ex) {
			RuntimeException translated = PiecesAiExceptions.translate(ex);
			if (translated != ex) {
				logger.warn("Pieces Copilot could not take the question: " + ex.getMessage());
			}
			throw translated;
		}
	}

	/**
	 * Return the prompt with the options to use: the default options combined with the prompt's.
	 * @param prompt the prompt as given
	 * @return a prompt with the same messages and {@link PiecesChatOptions}
	 */
	Prompt requestPrompt(Prompt prompt) {
		PiecesChatOptions.Builder options = this.defaultOptions.mutate();
		ChatOptions promptOptions = prompt.getOptions();
		if (promptOptions != null) {
			options.combineWith(PiecesChatOptions.fromOptions(promptOptions).mutate());
		}
		List<ToolCallback> tools = options.build().getToolCallbacks();
		if (!tools.isEmpty()) {
			// refused before anything is asked: silently answering without the tools would be worse
			throw new NonTransientAiException("Pieces Copilot does not call tools, but the prompt registers "
					+ tools.size() + " (" + tools.stream().map((tool) -> tool.getToolDefinition().name())
						.collect(Collectors.joining(", "))
					+ "): send prompts with tools to a chat model that supports tool calling");
		}
		PiecesChatOptions merged = options.build();
		List<String> stops = merged.getStopSequences();
		if (stops != null && stops.size() != stops.stream().distinct().count()) {
			merged = merged.mutate().stopSequences(stops.stream().distinct().toList()).build();
		}
		return new Prompt(prompt.getInstructions(), merged);
	}

	private static @Nullable String knownConversationId(CopilotAnswer answer) {
		CompletableFuture<String> conversationId = answer.conversationId();
		if (conversationId.isDone() && !conversationId.isCompletedExceptionally()) {
			return conversationId.join();
		}
		return null;
	}

	private static ChatResponse response(CopilotAnswer answer, String text, @Nullable String conversationId,
			boolean finished) {
		Map<String, Object> properties = new LinkedHashMap<>();
		ChatGenerationMetadata.Builder generationMetadata = ChatGenerationMetadata.builder();
		ChatResponseMetadata.Builder responseMetadata = ChatResponseMetadata.builder().id(answer.requestId());
		answer.modelName().ifPresent(responseMetadata::model);
		if (conversationId != null) {
			properties.put(METADATA_CONVERSATION_ID, conversationId);
			generationMetadata.metadata(METADATA_CONVERSATION_ID, conversationId);
			responseMetadata.keyValue(METADATA_CONVERSATION_ID, conversationId);
		}
		if (finished) {
			generationMetadata.finishReason(FINISH_REASON_STOP).metadata(METADATA_STATUS, "COMPLETED");
		}
		AssistantMessage message = AssistantMessage.builder().content(text).properties(properties).build();
		return new ChatResponse(List.of(new Generation(message, generationMetadata.build())),
				responseMetadata.build());
	}

	@Override
	public String toString() {
		return "PiecesChatModel[defaultOptions=" + this.defaultOptions + "]";
	}

	/**
	 * Builder for {@link PiecesChatModel}.
	 */
	public static final class Builder {

		private final PiecesCopilot copilot;

		private PiecesChatOptions defaultOptions = PiecesChatOptions.builder().build();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable ChatModelObservationConvention observationConvention;

		private @Nullable RetryTemplate retryTemplate;

		private Builder(PiecesCopilot copilot) {
			Assert.notNull(copilot, "'copilot' must not be null");
			this.copilot = copilot;
		}

		/**
		 * Set the options used where a prompt sets none.
		 * @param defaultOptions the default options
		 * @return this builder
		 */
		public Builder defaultOptions(PiecesChatOptions defaultOptions) {
			Assert.notNull(defaultOptions, "'defaultOptions' must not be null");
			this.defaultOptions = defaultOptions;
			return this;
		}

		/**
		 * Record observations in a registry.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Use a custom observation convention.
		 * @param observationConvention the convention, or {@code null} for the default one
		 * @return this builder
		 */
		public Builder observationConvention(@Nullable ChatModelObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Retry blocking calls whose answer failed transiently (see {@link PiecesChatModel#setRetryTemplate}).
		 * @param retryTemplate the template, or {@code null} for a single attempt
		 * @return this builder
		 */
		public Builder retryTemplate(@Nullable RetryTemplate retryTemplate) {
			this.retryTemplate = retryTemplate;
			return this;
		}

		/**
		 * Build the chat model.
		 * @return the chat model
		 */
		public PiecesChatModel build() {
			PiecesChatModel chatModel = new PiecesChatModel(this.copilot, this.defaultOptions,
					this.observationRegistry);
			if (this.observationConvention != null) {
				chatModel.setObservationConvention(this.observationConvention);
			}
			chatModel.setRetryTemplate(this.retryTemplate);
			return chatModel;
		}

	}

}
