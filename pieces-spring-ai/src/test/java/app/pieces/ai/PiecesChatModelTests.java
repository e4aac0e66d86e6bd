package app.pieces.ai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.ai.tool.function.FunctionToolCallback;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation.HighCardinalityKeyNames;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation.LowCardinalityKeyNames;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.pieces.client.PiecesClient;
import app.pieces.copilot.CopilotAnswer;
import app.pieces.copilot.CopilotFailedException;
import app.pieces.copilot.CopilotSettings;
import app.pieces.copilot.CopilotTimeoutException;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.copilot.UnknownModelException;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;
import app.pieces.simulator.SimulatorCopilot;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.ConversationWS;
import app.pieces.websocket.ConversationsListener;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.ReconnectSettings;
import app.pieces.websocket.WebsocketListener;
import app.pieces.websocket.WebsocketSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Acceptance tests for {@link PiecesChatModel} against the Pieces OS simulator, through Spring AI's
 * {@link ChatClient} and directly.
 */
class PiecesChatModelTests {

	private static final String FIXTURE_QUESTION = "How do I add jitter to this retry helper?";

	private static final String GPT_4O = "GPT-4o Chat Model";

	private static final String GPT_4O_ID = "e7dec4e9-ad81-4b24-a621-ae3d34c01c48";

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().build();

	private static PiecesClient client;

	private static PiecesWebsocketManager manager;

	private static AskStreamWS askStream;

	private static PiecesCopilot copilot;

	private static PiecesChatModel chatModel;

	@BeforeAll
	static void connect() {
		PiecesOsSimulator simulator = pieces.simulator();
		client = PiecesClient.builder().baseUrl(simulator.baseUrl()).build();
		manager = new PiecesWebsocketManager(client, WebsocketSettings.defaults()
			.withReconnect(ReconnectSettings.defaults().withIntervals(Duration.ofMillis(50), Duration.ofMillis(500))));
		askStream = manager.ask(new WebsocketListener<>() {
		});
		ConversationWS conversations = manager.conversations(new ConversationsListener() {
		});
		manager.startAll();
		await().atMost(Duration.ofSeconds(10)).until(askStream::isConnected);
		await().atMost(Duration.ofSeconds(10)).until(conversations::isConnected);
		copilot = PiecesCopilot.builder(askStream, client).settings(CopilotSettings.defaults()).build();
		chatModel = new PiecesChatModel(copilot);
	}

	@AfterAll
	static void close() {
		copilot.close();
		manager.close();
		client.close();
	}

	@AfterEach
	void resetCopilot() {
		pieces.simulator().copilot().reset();
	}

	@Test
	void chatClientCallShouldReturnTheScriptedAnswer() {
		String content = ChatClient.create(chatModel).prompt(FIXTURE_QUESTION).call().content();

		assertThat(content).isEqualTo(pieces.simulator().copilot().answerFor(FIXTURE_QUESTION));
		assertThat(lastQuestionInput().at("/relevance/query").asString()).isEqualTo(FIXTURE_QUESTION);
	}

	@Test
	void callShouldRetryATransientFailureThroughTheRetryTemplateButNotAPermanentOne() {
		PiecesChatModel retrying = PiecesChatModel.builder(copilot)
			.retryTemplate(new RetryTemplate(RetryPolicy.builder()
				.maxRetries(2)
				.delay(Duration.ofMillis(10))
				.includes(TransientAiException.class)
				.build()))
			.build();
		int before = pieces.simulator().copilot().receivedInputs().size();
		pieces.simulator().copilot().failNext(503, "Pieces OS is busy");
		assertThat(ChatClient.create(retrying).prompt(FIXTURE_QUESTION).call().content())
			.isEqualTo(pieces.simulator().copilot().answerFor(FIXTURE_QUESTION));
		assertThat(pieces.simulator().copilot().receivedInputs()).as("asked twice").hasSize(before + 2);

		int second = pieces.simulator().copilot().receivedInputs().size();
		pieces.simulator().copilot().failNext(400, "Bad question");
		assertThatExceptionOfType(NonTransientAiException.class)
			.isThrownBy(() -> ChatClient.create(retrying).prompt(FIXTURE_QUESTION).call().content())
			.withMessageContaining("Bad question");
		assertThat(pieces.simulator().copilot().receivedInputs()).as("asked once").hasSize(second + 1);
	}

	@Test
	void contextOptionsShouldAskWithLongTermMemoryAndFilesAndDropTheChatAfterwards() {
		String question = "What did I change in the retry helper?";
		ChatResponse response = ChatClient.create(chatModel)
			.prompt(question)
			.options(PiecesChatOptions.builder()
				.longTermMemory(Duration.ofMinutes(30))
				.paths(List.of("/home/dev/retry/Retry.java"))
				.keepChat(false))
			.call()
			.chatResponse();
		String text = response.getResult().getOutput().getText();
		assertThat(text).startsWith("From your workstream memory (")
			.contains("Looking at /home/dev/retry/Retry.java. ")
			.endsWith(pieces.simulator().copilot().answerFor(question));
		String conversation = response.getMetadata().get(PiecesChatModel.METADATA_CONVERSATION_ID);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !pieces.simulator().state().conversations().contains(conversation));
	}

	@Test
	void promptWithToolsShouldFailFastInsteadOfSilentlyIgnoringThem() {
		ToolCallback weather = FunctionToolCallback.builder("currentWeather", (String city) -> "sunny in " + city)
			.description("The weather in a city")
			.inputType(String.class)
			.build();
		int inputsBefore = pieces.simulator().copilot().receivedInputs().size();
		ChatClient chat = ChatClient.create(chatModel);
		assertThatExceptionOfType(NonTransientAiException.class)
			.isThrownBy(() -> chat.prompt("What is the weather in Paris?").tools(weather).call().content())
			.withMessageContaining("Pieces Copilot does not call tools")
			.withMessageContaining("currentWeather");
		assertThatExceptionOfType(NonTransientAiException.class)
			.isThrownBy(() -> chat.prompt("And in Rome?").tools(weather).stream().content().blockLast())
			.withMessageContaining("does not call tools");
		assertThat(pieces.simulator().copilot().receivedInputs()).hasSize(inputsBefore);
		// without tools the same client answers as usual
		assertThat(chat.prompt(FIXTURE_QUESTION).call().content())
			.isEqualTo(pieces.simulator().copilot().answerFor(FIXTURE_QUESTION));
	}

	@Test
	void callShouldReportConversationModelFinishReasonAndRequestIdInMetadata() {
		ChatResponse response = chatModel
			.call(new Prompt("What is a jittered backoff?", PiecesChatOptions.builder().model(GPT_4O).build()));

		String conversationId = response.getMetadata().get(PiecesChatModel.METADATA_CONVERSATION_ID);
		assertThat(conversationId).isNotBlank();
		assertThat(pieces.simulator().state().conversations()).contains(conversationId);
		assertThat(response.getMetadata().getModel()).isEqualTo(GPT_4O);
		assertThat(response.getMetadata().getId()).isEqualTo(lastQuestionInput().get("request").asString());
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo(PiecesChatModel.FINISH_REASON_STOP);
		assertThat(response.getResult().getMetadata().<String>get(PiecesChatModel.METADATA_CONVERSATION_ID))
			.isEqualTo(conversationId);
		assertThat(response.getResult().getOutput().getMetadata()).containsEntry(
				PiecesChatModel.METADATA_CONVERSATION_ID, conversationId);
		assertThat(response.getResult().getOutput().getText())
			.isEqualTo(pieces.simulator().copilot().answerFor("What is a jittered backoff?"));
	}

	@Test
	void chatClientStreamShouldYieldTheScriptedChunksInOrder() {
		List<String> chunks = ChatClient.create(chatModel).prompt(FIXTURE_QUESTION).stream().content().collectList()
			.block(Duration.ofSeconds(30));

		assertThat(chunks).containsExactlyElementsOf(pieces.simulator().copilot().chunksFor(FIXTURE_QUESTION));
	}

	@Test
	void streamShouldEndWithTheFinishReasonAndCarryTheConversationId() {
		String question = "Which chunks does a long answer about retry helpers have?";

		List<ChatResponse> responses = chatModel.stream(new Prompt(question)).collectList().block(Duration.ofSeconds(30));

		assertThat(responses).hasSizeGreaterThan(1);
		ChatResponse last = responses.get(responses.size() - 1);
		assertThat(last.getResult().getOutput().getText()).isEmpty();
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo(PiecesChatModel.FINISH_REASON_STOP);
		String conversationId = last.getMetadata().get(PiecesChatModel.METADATA_CONVERSATION_ID);
		assertThat(conversationId).isNotBlank();
		List<ChatResponse> chunks = responses.subList(0, responses.size() - 1);
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.getResult().getMetadata().getFinishReason()).isNull();
			assertThat(chunk.getMetadata().<String>get(PiecesChatModel.METADATA_CONVERSATION_ID)).isEqualTo(conversationId);
		});
		assertThat(chunks).extracting((chunk) -> chunk.getResult().getOutput().getText())
			.containsExactlyElementsOf(pieces.simulator().copilot().chunksFor(question));
	}

	@Test
	void cancellingChatClientStreamShouldStopTheRequestOnTheServer() {
		PiecesOsSimulator simulator = pieces.simulator();
		simulator.copilot().silent(true);
		List<String> received = new CopyOnWriteArrayList<>();

		Disposable subscription = ChatClient.create(chatModel).prompt("Tell me a long story").stream().content()
			.subscribe(received::add);
		String requestId = awaitInFlight("Tell me a long story");
		subscription.dispose();

		await().atMost(Duration.ofSeconds(10)).until(() -> !simulator.copilot().isInFlight(requestId));
		assertThat(simulator.copilot().sawStop(requestId)).isTrue();
		assertThat(received).isEmpty();
		assertThat(copilot.activeAnswers()).extracting(CopilotAnswer::requestId).doesNotContain(requestId);
	}

	@Test
	void cancellingAfterTheFirstChunkShouldStopTheAnswerOnTheServer() {
		PiecesOsSimulator simulator = pieces.simulator();
		// the simulator echoes the question: hundreds of chunks, so that the answer is still streaming when the
		// subscription is cancelled, however late the subscribing thread runs
		String question = "Explain exponential backoff in many words: " + "retry with jitter and backoff, ".repeat(400)
				+ "and why?";
		assertThat(simulator.copilot().chunksFor(question)).hasSizeGreaterThan(500);

		StepVerifier.create(chatModel.stream(new Prompt(question)), 1)
			.assertNext((response) -> assertThat(response.getResult().getOutput().getText())
				.isEqualTo(simulator.copilot().chunksFor(question).get(0)))
			.thenCancel()
			.verify(Duration.ofSeconds(30));

		String requestId = simulator.copilot().lastRequestFor(question).orElseThrow();
		await().atMost(Duration.ofSeconds(10)).until(() -> simulator.copilot().sawStop(requestId));
		await().atMost(Duration.ofSeconds(10)).until(() -> !simulator.copilot().isInFlight(requestId));
	}

	@Test
	void optionsShouldChooseTheModel() {
		String content = ChatClient.create(chatModel).prompt("Which model answers?")
			.options(PiecesChatOptions.builder().model(GPT_4O))
			.call().content();

		assertThat(content).isEqualTo(pieces.simulator().copilot().answerFor("Which model answers?"));
		assertThat(lastQuestionInput().at("/relevance/model").asString()).isEqualTo(GPT_4O_ID);
	}

	@Test
	void portableOptionsShouldChooseTheModel() {
		ChatResponse response = ChatClient.create(chatModel).prompt("Which portable model answers?")
			.options(ChatOptions.builder().model("gpt-4o chat model"))
			.call().chatResponse();

		assertThat(response.getMetadata().getModel()).isEqualTo(GPT_4O);
		assertThat(lastQuestionInput().at("/relevance/model").asString()).isEqualTo(GPT_4O_ID);
	}

	@Test
	void defaultOptionsShouldApplyWhenThePromptSetsNone() {
		PiecesChatModel withDefaults = PiecesChatModel.builder(copilot)
			.defaultOptions(PiecesChatOptions.builder().model(GPT_4O).build())
			.build();

		ChatResponse response = withDefaults.call(new Prompt("Which default model answers?"));

		assertThat(response.getMetadata().getModel()).isEqualTo(GPT_4O);
		assertThat(lastQuestionInput().at("/relevance/model").asString()).isEqualTo(GPT_4O_ID);
	}

	@Test
	void optionsShouldContinueTheConversation() {
		PiecesOsSimulator simulator = pieces.simulator();
		ChatClient chatClient = ChatClient.create(chatModel);
		ChatResponse first = chatClient.prompt("How do I retry a REST call?").call().chatResponse();
		String conversationId = first.getMetadata().get(PiecesChatModel.METADATA_CONVERSATION_ID);

		String followUp = chatClient.prompt()
			.messages(new UserMessage("How do I retry a REST call?"),
					first.getResult().getOutput())
			.user("And with jitter?")
			.options(PiecesChatOptions.builder().conversationId(conversationId))
			.call()
			.content();

		assertThat(followUp).isEqualTo(simulator.copilot().answerFor("And with jitter?"));
		JsonNode input = lastQuestionInput();
		assertThat(input.get("conversation").asString()).isEqualTo(conversationId);
		assertThat(input.at("/relevance/query").asString()).isEqualTo("And with jitter?");
		assertThat(simulator.conversationMessages(conversationId)).containsExactly(
				"USER: How do I retry a REST call?",
				"ASSISTANT: " + simulator.copilot().answerFor("How do I retry a REST call?"),
				"USER: And with jitter?", "ASSISTANT: " + followUp);
	}

	@Test
	void earlierTurnsWithoutConversationIdShouldBeSentAsTranscriptInANewConversation() {
		String content = ChatClient.create(chatModel).prompt()
			.system("Answer in one sentence.")
			.messages(new UserMessage("Hi"), new org.springframework.ai.chat.messages.AssistantMessage("Hello!"))
			.user("What is jitter?")
			.call()
			.content();

		String expectedQuestion = "Answer in one sentence.\n\n" + PiecesPromptMapper.TRANSCRIPT_HEADER
				+ "\nUser: Hi\nAssistant: Hello!\n\nWhat is jitter?";
		JsonNode input = lastQuestionInput();
		assertThat(input.at("/relevance/query").asString()).isEqualTo(expectedQuestion);
		assertThat(input.path("conversation").isMissingNode() || input.path("conversation").isNull()).isTrue();
		assertThat(content).isEqualTo(pieces.simulator().copilot().answerFor(expectedQuestion));
	}

	@Test
	void assetIdsShouldBeSentAsRelevanceAssets() {
		String assetId = pieces.simulator().state().assets().get(0);

		chatModel.call(new Prompt(List.of(new SystemMessage("Be brief."), new UserMessage("Explain this snippet")),
				PiecesChatOptions.builder().assetIds(assetId).build()));

		JsonNode input = lastQuestionInput();
		assertThat(input.at("/relevance/query").asString()).isEqualTo("Be brief.\n\nExplain this snippet");
		assertThat(input.at("/relevance/assets/iterable/0/id").asString()).isEqualTo(assetId);
	}

	@Test
	void unknownModelShouldFailClearlyWithoutSendingAQuestion() {
		int inputsBefore = pieces.simulator().copilot().receivedInputs().size();
		ChatClient chatClient = ChatClient.create(chatModel);

		assertThatExceptionOfType(NonTransientAiException.class)
			.isThrownBy(() -> chatClient.prompt("Hi").options(ChatOptions.builder().model("GPT-9 Ultra")).call().content())
			.withMessageContaining("Unknown Pieces OS model 'GPT-9 Ultra'")
			.withMessageContaining(GPT_4O)
			.withCauseInstanceOf(UnknownModelException.class);
		StepVerifier.create(chatModel.stream(new Prompt("Hi", ChatOptions.builder().model("GPT-9 Ultra").build())))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(NonTransientAiException.class)
				.hasMessageContaining("Unknown Pieces OS model 'GPT-9 Ultra'")
				.hasCauseInstanceOf(UnknownModelException.class))
			.verify(Duration.ofSeconds(10));
		assertThat(pieces.simulator().copilot().receivedInputs()).hasSize(inputsBefore);
	}

	@Test
	void failedAnswerShouldBeNonTransientAndKeepTheErrorMessage() {
		pieces.simulator().copilot().failNext(401, "UserSubscriptionRequired");

		assertThatExceptionOfType(NonTransientAiException.class)
			.isThrownBy(() -> ChatClient.create(chatModel).prompt("Hi").call().content())
			.withMessageContaining("UserSubscriptionRequired")
			.withMessageContaining("401")
			.satisfies((ex) -> {
				assertThat(ex.getCause()).isInstanceOf(CopilotFailedException.class);
				CopilotFailedException failed = (CopilotFailedException) ex.getCause();
				assertThat(failed.getErrorMessage()).isEqualTo("UserSubscriptionRequired");
				assertThat(failed.getStatusCode()).isEqualTo(401);
			});
	}

	@Test
	void overloadedAnswerShouldBeTransientInAStream() {
		pieces.simulator().copilot().failNext(503, "Overloaded");

		StepVerifier.create(chatModel.stream(new Prompt("Hi")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TransientAiException.class)
				.hasMessageContaining("Overloaded")
				.hasCauseInstanceOf(CopilotFailedException.class))
			.verify(Duration.ofSeconds(30));
	}

	@Test
	void unknownConversationShouldFailNonTransient() {
		assertThatExceptionOfType(NonTransientAiException.class)
			.isThrownBy(() -> chatModel.call(new Prompt("Hi",
					PiecesChatOptions.builder().conversationId("00000000-0000-0000-0000-000000000000").build())))
			.withMessageContaining("404")
			.withCauseInstanceOf(CopilotFailedException.class);
	}

	@Test
	void silentPiecesOsShouldFailTransientWithTheCopilotTimeout() {
		pieces.simulator().copilot().silent(true);
		// long enough for each question to be written first on a busy machine: a question still unsent when the
		// timeout trips ends as a lost connection, not as a silent Pieces OS
		await().atMost(Duration.ofSeconds(10)).until(askStream::isConnected);
		try (PiecesCopilot impatient = PiecesCopilot.builder(askStream, client)
			.settings(CopilotSettings.defaults().withTimeout(Duration.ofSeconds(2)))
			.build()) {
			PiecesChatModel impatientModel = new PiecesChatModel(impatient);

			assertThatExceptionOfType(TransientAiException.class)
				.isThrownBy(() -> ChatClient.create(impatientModel).prompt("Anyone there?").call().content())
				.withCauseInstanceOf(CopilotTimeoutException.class);
			StepVerifier.create(impatientModel.stream(new Prompt("Anyone there now?")))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TransientAiException.class)
					.hasCauseInstanceOf(CopilotTimeoutException.class))
				.verify(Duration.ofSeconds(30));
		}
		// the copilot stopped both questions on the server when they timed out
		for (String question : List.of("Anyone there?", "Anyone there now?")) {
			String requestId = pieces.simulator().copilot().lastRequestFor(question).orElseThrow();
			await().atMost(Duration.ofSeconds(10)).until(() -> !pieces.simulator().copilot().isInFlight(requestId));
			assertThat(pieces.simulator().copilot().sawStop(requestId)).isTrue();
		}
	}

	@Test
	void promptWithoutUserMessageShouldFailBeforeAsking() {
		int inputsBefore = pieces.simulator().copilot().receivedInputs().size();
		Prompt prompt = new Prompt(new SystemMessage("Only a system message"));

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> chatModel.call(prompt))
			.withMessageContaining("no user message");
		StepVerifier.create(chatModel.stream(prompt)).expectError(IllegalArgumentException.class)
			.verify(Duration.ofSeconds(10));
		assertThat(pieces.simulator().copilot().receivedInputs()).hasSize(inputsBefore);
	}

	@Test
	void callShouldBeObservedWithSpringAiChatModelConventions() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		PiecesChatModel observed = PiecesChatModel.builder(copilot).observationRegistry(registry).build();

		observed.call(new Prompt("Observe me", PiecesChatOptions.builder().model(GPT_4O).temperature(0.2).build()));

		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo(DefaultChatModelObservationConvention.DEFAULT_NAME)
			.that()
			.hasContextualNameEqualTo("chat " + GPT_4O)
			.hasLowCardinalityKeyValue(LowCardinalityKeyNames.AI_PROVIDER.asString(), PiecesChatModel.PROVIDER)
			.hasLowCardinalityKeyValue(LowCardinalityKeyNames.AI_OPERATION_TYPE.asString(), "chat")
			.hasLowCardinalityKeyValue(LowCardinalityKeyNames.REQUEST_MODEL.asString(), GPT_4O)
			.hasLowCardinalityKeyValue(LowCardinalityKeyNames.RESPONSE_MODEL.asString(), GPT_4O)
			.hasHighCardinalityKeyValue(HighCardinalityKeyNames.REQUEST_TEMPERATURE.asString(), "0.2")
			.hasHighCardinalityKeyValue(HighCardinalityKeyNames.RESPONSE_FINISH_REASONS.asString(), "[\"STOP\"]")
			.hasBeenStarted()
			.hasBeenStopped();
	}

	@Test
	void streamShouldBeObservedAndRecordErrors() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		PiecesChatModel observed = PiecesChatModel.builder(copilot).observationRegistry(registry).build();
		pieces.simulator().copilot().failNext(500, "Boom");

		StepVerifier.create(observed.stream(new Prompt("Observe my stream"))).expectError(TransientAiException.class)
			.verify(Duration.ofSeconds(30));

		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo(DefaultChatModelObservationConvention.DEFAULT_NAME)
			.that()
			.hasHighCardinalityKeyValue(HighCardinalityKeyNames.REQUEST_STREAM.asString(), "true")
			.hasError()
			.hasBeenStopped();
	}

	@Test
	void completedStreamShouldBeObservedWithTheFinishReasonAndModel() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		PiecesChatModel observed = PiecesChatModel.builder(copilot).observationRegistry(registry).build();

		StepVerifier.create(observed.stream(new Prompt(FIXTURE_QUESTION, ChatOptions.builder().model(GPT_4O).build())))
			.thenConsumeWhile((response) -> true)
			.verifyComplete();

		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo(DefaultChatModelObservationConvention.DEFAULT_NAME)
			.that()
			.hasLowCardinalityKeyValue(LowCardinalityKeyNames.RESPONSE_MODEL.asString(), GPT_4O)
			.hasHighCardinalityKeyValue(HighCardinalityKeyNames.REQUEST_STREAM.asString(), "true")
			.hasHighCardinalityKeyValue(HighCardinalityKeyNames.RESPONSE_FINISH_REASONS.asString(), "[\"STOP\"]")
			.doesNotHaveError()
			.hasBeenStopped();
	}

	@Test
	void copilotObservationsShouldNestBelowTheChatModelObservations() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (PiecesCopilot observedCopilot = PiecesCopilot.builder(askStream, client)
			.settings(CopilotSettings.defaults())
			.observationRegistry(registry)
			.build()) {
			PiecesChatModel observed = PiecesChatModel.builder(observedCopilot).observationRegistry(registry).build();

			observed.call(new Prompt(FIXTURE_QUESTION));
			StepVerifier.create(observed.stream(new Prompt(FIXTURE_QUESTION))).thenConsumeWhile((response) -> true)
				.verifyComplete();
		}

		Predicate<Observation.ContextView> chatModelObservation = (parent) -> DefaultChatModelObservationConvention.DEFAULT_NAME
			.equals(parent.getName());
		TestObservationRegistryAssert.assertThat(registry)
			.hasNumberOfObservationsWithNameEqualTo(DefaultChatModelObservationConvention.DEFAULT_NAME, 2)
			.hasNumberOfObservationsWithNameEqualTo("pieces.copilot.ask", 2)
			.forAllObservationsWithNameEqualTo("pieces.copilot.ask",
					(observation) -> observation.hasParentObservationContextMatching(chatModelObservation));
	}

	@Test
	void cancelledStreamShouldStopTheObservationWithoutAnError() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		PiecesChatModel observed = PiecesChatModel.builder(copilot).observationRegistry(registry).build();
		PiecesOsSimulator simulator = pieces.simulator();
		simulator.copilot().silent(true);
		List<Throwable> errors = new CopyOnWriteArrayList<>();

		Disposable subscription = observed.stream(new Prompt("Cancel me")).subscribe((response) -> {
		}, errors::add);
		String requestId = awaitInFlight("Cancel me");
		subscription.dispose();

		await().atMost(Duration.ofSeconds(10)).until(() -> !simulator.copilot().isInFlight(requestId));
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo(DefaultChatModelObservationConvention.DEFAULT_NAME)
			.that()
			.doesNotHaveError()
			.hasBeenStopped();
		assertThat(errors).isEmpty();
	}

	private static JsonNode lastQuestionInput() {
		List<String> inputs = pieces.simulator().copilot().receivedInputs();
		for (int i = inputs.size() - 1; i >= 0; i--) {
			JsonNode input = parse(inputs.get(i));
			if (input.has("relevance") || input.has("question")) {
				return input;
			}
		}
		throw new AssertionError("The simulator received no question");
	}

	/**
	 * Wait until Pieces OS holds the question with this text and return its request id.
	 */
	private static String awaitInFlight(String question) {
		SimulatorCopilot simulated = pieces.simulator().copilot();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> simulated.lastRequestFor(question).filter(simulated::isInFlight).isPresent());
		return simulated.lastRequestFor(question).orElseThrow();
	}

	private static JsonNode parse(String input) {
		return json.readTree(input);
	}

}
