package app.pieces.copilot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import app.pieces.model.Conversation;
import app.pieces.model.Model;
import app.pieces.model.PiecesJson;
import app.pieces.model.QGPTStreamOutput;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.ManagerProbe;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.TestAskStreams;
import app.pieces.websocket.WebsocketListener;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PiecesCopilot} against the Pieces OS simulator (issue 5's acceptance list, except the
 * restart, see {@link PiecesCopilotRestartTests}).
 */
class PiecesCopilotTests {

	private static final String FIXTURE_QUESTION = "How do I add jitter to this retry helper?";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static PiecesOsSimulator simulator;

	private static CopilotTestSupport support;

	private static PiecesCopilot copilot;

	@BeforeAll
	static void startSimulator() {
		simulator = PiecesOsSimulator.builder().initializedFrame(true).start();
		support = new CopilotTestSupport(simulator);
		copilot = new PiecesCopilot(support.askStream, support.client);
	}

	@AfterAll
	static void stopSimulator() {
		copilot.close();
		support.close();
		simulator.close();
	}

	@AfterEach
	void resetCopilotScript() {
		simulator.copilot().reset();
	}

	@Test
	void askShouldStreamChunksThatConcatenateToTheScriptedAnswer() {
		List<String> chunks = new CopyOnWriteArrayList<>();
		CopilotAnswer answer = copilot.ask(FIXTURE_QUESTION).onChunk(chunks::add);
		String text = answer.text().join();
		assertThat(text).isEqualTo(simulator.copilot().answerFor(FIXTURE_QUESTION));
		assertThat(chunks).containsExactlyElementsOf(simulator.copilot().chunksFor(FIXTURE_QUESTION));
		assertThat(answer.outcome()).contains(CopilotOutcome.SUCCESS);
		assertThat(answer.completion().join().statusCode()).isEqualTo(200);
		assertThat(answer.conversationId().join()).isNotBlank();
		assertThat(copilot.activeAnswers()).doesNotContain(answer);
	}

	@Test
	void tenConcurrentQuestionsShouldEachGetExactlyTheirOwnAnswer() {
		List<String> questions = IntStream.range(0, 10).mapToObj((i) -> "Concurrent question number " + i).toList();
		List<CopilotAnswer> answers = questions.stream().map(copilot::ask).toList();
		for (int i = 0; i < questions.size(); i++) {
			assertThat(answers.get(i).text().join()).isEqualTo(simulator.copilot().answerFor(questions.get(i)));
		}
		assertThat(answers.stream().map((answer) -> answer.conversationId().join()).distinct()).hasSize(10);
		assertThat(answers.stream().map(CopilotAnswer::requestId).distinct()).hasSize(10);
	}

	@Test
	void twoCopilotsOnOneSocketAskingConcurrentlyShouldEachGetOnlyTheirOwnAnswers() throws Exception {
		ExecutorService askers = Executors.newFixedThreadPool(2);
		try (PiecesCopilot second = new PiecesCopilot(support.askStream, support.client)) {
			CyclicBarrier together = new CyclicBarrier(2);
			Future<List<CopilotAnswer>> firsts = askers.submit(() -> askAll(copilot, "First copilot question", together));
			Future<List<CopilotAnswer>> seconds = askers.submit(() -> askAll(second, "Second copilot question", together));
			List<CopilotAnswer> firstAnswers = firsts.get(10, TimeUnit.SECONDS);
			List<CopilotAnswer> secondAnswers = seconds.get(10, TimeUnit.SECONDS);
			assertOwnAnswers(firstAnswers, "First copilot question");
			assertOwnAnswers(secondAnswers, "Second copilot question");
			assertThat(copilot.activeAnswers()).doesNotContainAnyElementsOf(firstAnswers);
			assertThat(second.activeAnswers()).isEmpty();
		}
		finally {
			askers.shutdownNow();
		}
	}

	private static List<CopilotAnswer> askAll(PiecesCopilot asker, String prefix, CyclicBarrier together)
			throws Exception {
		together.await(10, TimeUnit.SECONDS);
		List<CopilotAnswer> answers = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			answers.add(asker.ask(prefix + " " + i));
		}
		return answers;
	}

	private static void assertOwnAnswers(List<CopilotAnswer> answers, String prefix) {
		for (int i = 0; i < answers.size(); i++) {
			String question = prefix + " " + i;
			CopilotAnswer answer = answers.get(i);
			assertThat(answer.text().join()).isEqualTo(simulator.copilot().answerFor(question));
			List<String> chunks = new CopyOnWriteArrayList<>();
			answer.onChunk(chunks::add);
			assertThat(chunks).containsExactlyElementsOf(simulator.copilot().chunksFor(question));
		}
	}

	@Test
	void serverGeneratedRequestIdShouldBeTakenByOnlyOneOfTwoCopilotsOnOneSocket() {
		simulator.copilot().silent(true);
		try (PiecesCopilot first = new PiecesCopilot(support.askStream, support.client);
				PiecesCopilot second = new PiecesCopilot(support.askStream, support.client)) {
			CopilotAnswer firstAnswer = first.ask("Waiting in the first copilot");
			CopilotAnswer secondAnswer = second.ask("Waiting in the second copilot");
			await().atMost(WAIT).until(() -> sent(firstAnswer) && sent(secondAnswer));
			String conversation = "7d0c5b1e-2a4f-4e8b-9c3d-1f6a8b2e4c70";
			simulator.sendRawFrame("qgpt", "{\"request\":\"server-generated-request\",\"conversation\":\"" + conversation
					+ "\",\"status\":\"IN-PROGRESS\",\"question\":{\"answers\":{\"iterable\":[{\"score\":0,"
					+ "\"text\":\"taken once\"}]}}}");
			simulator.sendRawFrame("qgpt", "{\"request\":\"server-generated-request\",\"conversation\":\"" + conversation
					+ "\",\"status\":\"COMPLETED\"}");
			await().atMost(WAIT).until(() -> firstAnswer.isDone() || secondAnswer.isDone());
			CopilotAnswer taker = firstAnswer.isDone() ? firstAnswer : secondAnswer;
			CopilotAnswer other = (taker == firstAnswer) ? secondAnswer : firstAnswer;
			assertThat(taker.text().join()).isEqualTo("taken once");
			assertThat(taker.conversationId().join()).isEqualTo(conversation);
			// frames reach every copilot in order: once the other answer has its own chunk, it has seen the others
			simulator.sendRawFrame("qgpt", "{\"request\":\"" + other.requestId() + "\",\"conversation\":\""
					+ conversation + "-other\",\"status\":\"IN-PROGRESS\",\"question\":{\"answers\":{\"iterable\":"
					+ "[{\"score\":0,\"text\":\"own chunk\"}]}}}");
			await().atMost(WAIT).until(() -> !other.textSoFar().isEmpty());
			assertThat(other.textSoFar()).isEqualTo("own chunk");
			assertThat(other.isDone()).isFalse();
		}
	}

	@Test
	void framesWithoutRequestIdShouldReachOnlyTheOneAnswerOfTheirConversation() {
		CopilotAnswer first = copilot.ask("Start a conversation for hand-written frames");
		String conversation = first.conversationId().join();
		first.text().join();
		simulator.copilot().silent(true);
		CopilotAnswer followUp = copilot
			.ask(first.request().toBuilder("Answered by hand-written frames").conversation(conversation).build());
		CopilotAnswer waiting = copilot.ask("Waiting for a new conversation");
		await().atMost(WAIT).until(() -> sent(followUp) && sent(waiting));
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		WebsocketListener<QGPTStreamOutput> errorRecorder = WebsocketListener.of(null, null, errors::add, null);
		support.askStream.addListener(errorRecorder);
		try {
			// frames without a request id that name no single answer in flight: nobody's, so nothing is guessed
			simulator.sendRawFrame("qgpt", "{\"status\":\"FAILED\"}");
			simulator.sendRawFrame("qgpt", "{\"conversation\":\"0b9e8c2a-unknown\",\"status\":\"IN-PROGRESS\","
					+ "\"question\":{\"answers\":{\"iterable\":[{\"score\":0,\"text\":\"injected\"}]}}}");
			simulator.sendRawFrame("qgpt", "{\"conversation\":\"0b9e8c2a-unknown\",\"status\":\"FAILED\"}");
			// frames of the follow-up's conversation: it is the only answer there, so they are provably its own
			simulator.sendRawFrame("qgpt", "{\"conversation\":\"" + conversation + "\",\"status\":\"IN-PROGRESS\","
					+ "\"question\":{\"answers\":{\"iterable\":[{\"score\":0,\"text\":\"by \"}]}}}");
			simulator.sendRawFrame("qgpt", "{not json");
			simulator.sendRawFrame("qgpt", "{\"conversation\":\"" + conversation + "\",\"status\":\"IN-PROGRESS\","
					+ "\"question\":{\"answers\":{\"iterable\":[{\"score\":0,\"text\":\"hand\"}]}}}");
			simulator.sendRawFrame("qgpt", "{\"conversation\":\"" + conversation + "\",\"status\":\"COMPLETED\"}");
			assertThat(followUp.text().join()).isEqualTo("by hand");
			assertThat(waiting.isDone()).isFalse();
			assertThat(waiting.textSoFar()).isEmpty();
			// each frame without the id Pieces OS always sends is reported as malformed (error event and meter)
			await().atMost(WAIT).untilAsserted(() -> assertThat(errors)
				.filteredOn((error) -> String.valueOf(error.getMessage()).contains("no 'request' id"))
				.hasSize(6));
		}
		finally {
			support.askStream.removeListener(errorRecorder);
			waiting.stop();
		}
	}

	@Test
	void longTermMemoryShouldGroundTheQuestionInARangeOfTheRecentWorkstream() {
		String question = "What was I working on before lunch?";
		CopilotAnswer answer = copilot.ask(CopilotRequest.builder(question).longTermMemory(Duration.ofHours(2)).build());
		String text = answer.text().join();
		assertThat(text).startsWith("From your workstream memory (").endsWith(simulator.copilot().answerFor(question));
		JsonNode relevance = lastInput().get("relevance");
		String rangeId = relevance.at("/temporal/workstreams/iterable/0/id").asString();
		assertThat(simulator.workstreamIds("ranges")).contains(rangeId);
		assertThat(relevance.at("/options/pipeline/conversation").has("contextualized_code_workstream_dialog"))
			.isTrue();
		java.time.Instant from = support.client.workstream().range(rangeId).from().value();
		assertThat(Duration.between(from, java.time.Instant.now())).isBetween(Duration.ofHours(2),
				Duration.ofHours(2).plusMinutes(5));
	}

	@Test
	void pathsShouldBeSentAsAnchorsPiecesOsTracks() {
		String question = "What does this service do?";
		CopilotAnswer answer = copilot.ask(CopilotRequest.builder(question)
			.paths("/home/dev/service/Main.java", "/home/dev/service/config")
			.build());
		assertThat(answer.text().join()).startsWith(
				"Looking at /home/dev/service/Main.java. Looking at /home/dev/service/config. ");
		assertThat(lastInput().at("/relevance/paths").toString())
			.isEqualTo("[\"/home/dev/service/Main.java\",\"/home/dev/service/config\"]");
		JsonNode anchors = lastInput().at("/relevance/anchors/iterable");
		assertThat(anchors).hasSize(2);
		assertThat(anchors.get(0).get("type").asString()).isEqualTo("FILE");
		assertThat(anchors.get(1).get("type").asString()).isEqualTo("DIRECTORY");
		assertThat(simulator.workstreamIds("anchors")).contains(anchors.get(0).get("id").asString(),
				anchors.get(1).get("id").asString());
	}

	@Test
	void chatNotToBeKeptShouldBeDeletedOnceAnswered() {
		CopilotAnswer answer = copilot.ask(CopilotRequest.builder("A question that leaves no trace").keepChat(false)
			.build());
		String conversation = answer.conversationId().join();
		answer.text().join();
		await().atMost(WAIT).until(() -> !simulator.state().conversations().contains(conversation));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(
				() -> CopilotRequest.builder("Follow-up").conversation(conversation).keepChat(false).build())
			.withMessageContaining("needs a new conversation");
	}

	@Test
	void followUpShouldStayInTheSameConversation() {
		CopilotAnswer first = copilot.ask("What is exponential backoff?");
		String conversationId = first.conversationId().join();
		first.text().join();
		CopilotAnswer followUp = copilot
			.ask(first.request().toBuilder("And what is jitter?").conversation(conversationId).build());
		assertThat(followUp.text().join()).isEqualTo(simulator.copilot().answerFor("And what is jitter?"));
		assertThat(followUp.conversationId().join()).isEqualTo(conversationId);
		assertThat(followUp.completion().join().conversation()).isEqualTo(conversationId);
		assertThat(simulator.conversationMessages(conversationId)).hasSize(4);
		assertThat(lastInput().path("conversation").asString()).isEqualTo(conversationId);
	}

	@Test
	void stopShouldCancelTheAnswerAndTheServerShouldSeeTheStopFrame() {
		simulator.copilot().silent(true);
		CopilotAnswer answer = copilot.ask("A question to stop");
		await().atMost(WAIT).until(() -> simulator.copilot().isInFlight(answer.requestId()));
		assertThat(answer.stop()).isTrue();
		assertThat(answer.text()).isCancelled();
		assertThatExceptionOfType(CopilotCancelledException.class).isThrownBy(() -> answer.text().join());
		assertThat(answer.outcome()).contains(CopilotOutcome.CANCELLED);
		await().atMost(WAIT).until(() -> simulator.copilot().sawStop(answer.requestId()));
		await().atMost(WAIT).until(() -> !simulator.copilot().isInFlight(answer.requestId()));
	}

	@Test
	void silentServerShouldTripTheTimeoutAndStopTheRequest() {
		simulator.copilot().silent(true);
		// long enough for the question to be written first on a busy machine (a question still unsent when the
		// timeout trips ends as CONNECTION_LOST, which another test covers)
		Duration timeout = Duration.ofSeconds(2);
		await().atMost(WAIT).until(support.askStream::isConnected);
		try (PiecesCopilot impatient = new PiecesCopilot(support.askStream, support.client,
				CopilotSettings.defaults().withTimeout(timeout))) {
			CopilotAnswer answer = impatient.ask("Nobody will answer this");
			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> answer.text().join())
				.havingCause()
				.isInstanceOfSatisfying(CopilotTimeoutException.class,
						(ex) -> assertThat(ex.getTimeout()).isEqualTo(timeout));
			assertThat(answer.outcome()).contains(CopilotOutcome.TIMEOUT);
			await().atMost(WAIT).untilAsserted(() -> assertThat(inputs())
				.filteredOn((input) -> input.path("stop").asBoolean())
				.anySatisfy((input) -> assertThat(input.path("request").asString()).isEqualTo(answer.requestId())));
			assertThat(impatient.activeAnswers()).isEmpty();
		}
	}

	@Test
	void failedFrameShouldSurfaceErrorMessageAndStatusCode() {
		simulator.copilot().failNext(401, "UserSubscriptionRequired");
		CopilotAnswer answer = copilot.ask("Something that needs a subscription");
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> answer.completion().join())
			.havingCause()
			.isInstanceOfSatisfying(CopilotFailedException.class, (ex) -> {
				assertThat(ex.getErrorMessage()).isEqualTo("UserSubscriptionRequired");
				assertThat(ex.getStatusCode()).isEqualTo(401);
				assertThat(ex.getRequestId()).isEqualTo(answer.requestId());
			});
		assertThat(copilot.askAndWait("The next question works again", WAIT))
			.isEqualTo(simulator.copilot().answerFor("The next question works again"));
	}

	@Test
	void resetShouldCancelEveryAnswerInFlight() {
		simulator.copilot().silent(true);
		try (PiecesCopilot patient = new PiecesCopilot(support.askStream, support.client)) {
			CopilotAnswer first = patient.ask("First question to reset");
			CopilotAnswer second = patient.ask("Second question to reset");
			await().atMost(WAIT).until(() -> sent(first) && sent(second));
			patient.reset().join();
			assertThatExceptionOfType(CopilotCancelledException.class).isThrownBy(() -> first.text().join())
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo("RESET"));
			assertThatExceptionOfType(CopilotCancelledException.class).isThrownBy(() -> second.text().join())
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo("RESET"));
		}
	}

	@Test
	void askAndWaitShouldReturnTheTextOrThrowTheTypedFailure() {
		assertThat(copilot.askAndWait(FIXTURE_QUESTION, WAIT)).isEqualTo(simulator.copilot().answerFor(FIXTURE_QUESTION));
		simulator.copilot().failNext(429, "RateLimited");
		assertThatExceptionOfType(CopilotFailedException.class)
			.isThrownBy(() -> copilot.askAndWait("Too many questions", WAIT))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(429));
	}

	@Test
	void askAndWaitWhenItsTimeoutExpiresAfterTheQuestionWasSentShouldStopTheAnswerOnTheServer() {
		simulator.copilot().silent(true);
		// ask() returns only once Pieces OS holds the question: askAndWait's own timeout starts after the receipt
		ReceiptAwaitingAskStream receipts = new ReceiptAwaitingAskStream(support.manager);
		AskStreamWS askStream = receipts.socket;
		askStream.start();
		try (PiecesCopilot patient = new PiecesCopilot(askStream, support.client)) {
			await().atMost(WAIT).until(askStream::isConnected);
			CopilotTimeoutException timeout = catchThrowableOfType(CopilotTimeoutException.class,
					() -> patient.askAndWait("Waiting briefly", Duration.ofMillis(200)));
			assertThat(timeout).isNotNull();
			assertThat(timeout.getTimeout()).isEqualTo(Duration.ofMillis(200));
			assertThat(patient.activeAnswers()).isEmpty();
			String requestId = Objects.requireNonNull(timeout.getRequestId());
			assertThat(receipts.questionsReceived).containsExactly(requestId);
			// askAndWait stopped the answer on the server
			await().atMost(WAIT).until(() -> simulator.copilot().sawStop(requestId));
			await().atMost(WAIT).until(() -> !simulator.copilot().isInFlight(requestId));
		}
		finally {
			askStream.close();
		}
	}

	@Test
	void askAndWaitWhenItsTimeoutExpiresBeforeTheQuestionWasSentShouldWithdrawTheQuestion() {
		// down for minutes: the question waits in the socket's queue until askAndWait gives up
		simulator.restart(Duration.ofMinutes(5));
		boolean back = false;
		try (PiecesCopilot patient = new PiecesCopilot(support.askStream, support.client)) {
			await().atMost(WAIT).until(() -> !support.askStream.isConnected());
			CopilotTimeoutException timeout = catchThrowableOfType(CopilotTimeoutException.class,
					() -> patient.askAndWait("Asked while Pieces OS is away", Duration.ofMillis(200)));
			assertThat(timeout).isNotNull();
			String requestId = Objects.requireNonNull(timeout.getRequestId());
			assertThat(patient.activeAnswers()).isEmpty();
			assertThat(support.askStream.queuedMessages()).as("withdrawn from the queue").isZero();
			simulator.restart(Duration.ZERO);
			back = true;
			await().atMost(WAIT).until(() -> support.askStream.isConnected() && support.conversationWs.isConnected());
			// a question still queued would have been written before this one
			assertThat(patient.askAndWait("Asked once Pieces OS is back", WAIT))
				.isEqualTo(simulator.copilot().answerFor("Asked once Pieces OS is back"));
			assertThat(inputs()).noneMatch((input) -> requestId.equals(input.path("request").asString()));
			assertThat(simulator.copilot().sawStop(requestId)).isFalse();
		}
		finally {
			if (!back) {
				simulator.restart(Duration.ZERO);
			}
			await().atMost(WAIT).until(() -> support.askStream.isConnected() && support.conversationWs.isConnected());
		}
	}

	@Test
	void modelsShouldBeListedAndPickedByNameAndSentById() {
		List<Model> models = copilot.models();
		assertThat(models).extracting(Model::name).contains("GPT-3.5-turbo Chat Model");
		Model model = copilot.model("GPT-3.5-turbo Chat Model");
		assertThat(copilot.model("gpt-3.5-turbo chat model")).isEqualTo(model);
		assertThat(copilot.model(model.id())).isEqualTo(model);
		CopilotAnswer answer = copilot.ask(CopilotRequest.builder("Which model am I?").model(model.name()).build());
		answer.text().join();
		assertThat(answer.modelName()).contains("GPT-3.5-turbo Chat Model");
		JsonNode input = inputFor(answer);
		assertThat(input.path("relevance").path("model").asString()).isEqualTo(model.id());
		assertThat(input.path("relevance").path("options").path("question").asBoolean()).isTrue();
	}

	@Test
	void defaultModelFromTheSettingsShouldBeUsedWhenTheRequestNamesNone() {
		Model model = copilot.model("GPT-3.5-turbo Chat Model");
		try (PiecesCopilot withDefault = new PiecesCopilot(support.askStream, support.client,
				CopilotSettings.defaults().withDefaultModel("GPT-3.5-turbo Chat Model"))) {
			CopilotAnswer answer = withDefault.ask("Default model question");
			answer.text().join();
			assertThat(inputFor(answer).path("relevance").path("model").asString()).isEqualTo(model.id());
		}
		CopilotAnswer withoutModel = copilot.ask("No model question");
		withoutModel.text().join();
		assertThat(inputFor(withoutModel).path("relevance").path("model").isMissingNode()
				|| inputFor(withoutModel).path("relevance").path("model").isNull()).isTrue();
	}

	@Test
	void closedCopilotShouldLeaveNothingScheduledBehind() {
		int before = ManagerProbe.pendingTimers(support.manager);
		PiecesCopilot shortLived = new PiecesCopilot(support.askStream, support.client);
		CopilotAnswer open = shortLived.ask("Schedules a silence check that close() must cancel");
		shortLived.close();
		assertThat(open.isDone()).isTrue();
		await().atMost(WAIT).until(() -> ManagerProbe.pendingTimers(support.manager) == before);
	}

	@Test
	void finishedAnswersShouldLeaveNothingScheduledWithoutClose() {
		int before = ManagerProbe.pendingTimers(support.manager);
		PiecesCopilot neverClosed = new PiecesCopilot(support.askStream, support.client);
		neverClosed.askAndWait("Schedules a silence check of a copilot nobody closes", WAIT);
		CopilotAnswer stopped = neverClosed.ask("Stopped right away");
		stopped.stop();
		// default timeout 60 s: only a cancelled silence check leaves the scheduler well before that
		await().atMost(WAIT).until(() -> ManagerProbe.pendingTimers(support.manager) == before);
		assertThat(neverClosed.activeAnswers()).isEmpty();
	}

	@Test
	void unknownModelShouldFailClearlyListingTheAvailableNames() {
		assertThatExceptionOfType(UnknownModelException.class)
			.isThrownBy(() -> copilot.ask(CopilotRequest.builder("question").model("No Such Model").build()))
			.satisfies((ex) -> {
				assertThat(ex.getAvailableModels()).contains("GPT-3.5-turbo Chat Model");
				assertThat(ex.getMessage()).contains("No Such Model", "GPT-3.5-turbo Chat Model");
			});
	}

	@Test
	void contextShouldTravelAsRelevanceAssetsAndSeeds() {
		String assetId = simulator.state().assets().get(0);
		CopilotAnswer answer = copilot
			.ask(CopilotRequest.builder("Explain this").assets(assetId).context("int x = a > b ? a : b;").build());
		answer.text().join();
		JsonNode relevance = inputFor(answer).path("relevance");
		assertThat(relevance.path("assets").path("iterable").get(0).path("id").asString()).isEqualTo(assetId);
		JsonNode seed = relevance.path("seeds").path("iterable").get(0);
		assertThat(seed.path("type").asString()).isEqualTo("SEEDED_ASSET");
		assertThat(seed.path("asset").path("format").path("fragment").path("string").path("raw").asString())
			.isEqualTo("int x = a > b ? a : b;");
		// Pieces OS requires the full Application of POST /connect in every seeded asset
		String applicationId = support.client.applicationId().orElseThrow();
		assertThat(seed.path("asset").path("application").path("id").asString()).isEqualTo(applicationId);
		assertThat(seed.path("asset").path("application").path("name").asString()).isNotEmpty();
		assertThat(relevance.path("application").asString()).isEqualTo(applicationId);
		assertThat(relevance.path("query").asString()).isEqualTo("Explain this");
	}

	@Test
	void conversationsShouldComeFromTheConversationCacheAndIncludeNewOnes() {
		Conversation created = copilot.createConversation("Copilot test conversation");
		CopilotAnswer answer = copilot.ask(CopilotRequest.builder("Inside a created conversation")
			.conversation(created.id())
			.build());
		answer.text().join();
		CopilotAnswer fresh = copilot.ask("A brand-new conversation");
		String freshId = fresh.conversationId().join();
		fresh.text().join();
		await().atMost(WAIT).untilAsserted(() -> assertThat(copilot.conversations()).extracting(Conversation::id)
			.contains(created.id(), freshId));
		assertThat(copilot.conversation(freshId)).isPresent();
		assertThat(copilot.conversation("00000000-0000-0000-0000-000000000000")).isEmpty();
	}

	@Test
	void fluxAdapterShouldStreamTheChunks() {
		List<String> chunks = ReactorCopilot.ask(copilot, FIXTURE_QUESTION).collectList().block(WAIT);
		assertThat(chunks).containsExactlyElementsOf(simulator.copilot().chunksFor(FIXTURE_QUESTION));
		CopilotAnswer answer = copilot.ask("Asked for Mono");
		assertThat(ReactorCopilot.text(answer).block(WAIT)).isEqualTo(simulator.copilot().answerFor("Asked for Mono"));
		assertThat(String.join("", ReactorCopilot.chunks(answer).collectList().block(WAIT)))
			.isEqualTo(answer.text().join());
	}

	@Test
	void fluxAdapterShouldAskOffTheSubscribingThread() {
		List<String> askingThreads = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				if ("pieces.copilot.ask".equals(context.getName())) {
					askingThreads.add(Thread.currentThread().getName());
				}
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		try (PiecesCopilot observed = PiecesCopilot.builder(support.askStream, support.client)
			.observationRegistry(registry)
			.build()) {
			List<String> chunks = ReactorCopilot.ask(observed, FIXTURE_QUESTION).collectList().block(WAIT);
			assertThat(chunks).containsExactlyElementsOf(simulator.copilot().chunksFor(FIXTURE_QUESTION));
		}
		// ask() may block on REST (GET /models, the first POST /connect): never on the subscribing thread
		assertThat(askingThreads).singleElement()
			.satisfies((name) -> assertThat(name).startsWith("boundedElastic")
				.isNotEqualTo(Thread.currentThread().getName()));
	}

	@Test
	void fluxAdapterShouldSignalTheTypedFailure() {
		simulator.copilot().failNext(503, "Overloaded");
		Flux<String> chunks = ReactorCopilot.ask(copilot, "Fails as a flux");
		assertThatExceptionOfType(CopilotFailedException.class).isThrownBy(() -> chunks.blockLast(WAIT))
			.satisfies((ex) -> assertThat(ex.getErrorMessage()).isEqualTo("Overloaded"));
	}

	@Test
	void chunkPublisherShouldReplayTheWholeAnswerToALateSubscriber() {
		CopilotAnswer answer = copilot.ask(FIXTURE_QUESTION);
		answer.text().join();
		List<String> received = new ArrayList<>();
		ChunkStreamTests.RecordingSubscriber subscriber = new ChunkStreamTests.RecordingSubscriber();
		answer.chunks().subscribe(subscriber);
		subscriber.subscription().request(Long.MAX_VALUE);
		received.addAll(subscriber.items);
		assertThat(received).containsExactlyElementsOf(simulator.copilot().chunksFor(FIXTURE_QUESTION));
		assertThat(subscriber.completed).isTrue();
	}

	@Test
	void observationShouldBeRecordedForEachAsk() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (PiecesCopilot observed = PiecesCopilot.builder(support.askStream, support.client)
			.observationRegistry(registry)
			.build()) {
			observed.askAndWait(FIXTURE_QUESTION, WAIT);
		}
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo("pieces.copilot.ask")
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("pieces.copilot.outcome", "success")
			.hasHighCardinalityKeyValue("pieces.copilot.chunks", "5");
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo("pieces.copilot.ask.first.chunk")
			.that()
			.hasBeenStopped();
	}

	@Test
	void closedCopilotShouldFailItsAnswersAndRefuseNewQuestions() {
		simulator.copilot().silent(true);
		PiecesCopilot closing = new PiecesCopilot(support.askStream, support.client);
		CopilotAnswer answer = closing.ask("Pending when closed");
		await().atMost(WAIT).until(() -> sent(answer));
		closing.close();
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> answer.text().join())
			.withCauseInstanceOf(CopilotConnectionLostException.class);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> closing.ask("After close"));
		await().atMost(WAIT).untilAsserted(() -> assertThat(inputs()).filteredOn((input) -> input.path("stop").asBoolean())
			.anySatisfy((input) -> assertThat(input.path("request").asString()).isEqualTo(answer.requestId())));
	}

	private static boolean sent(CopilotAnswer answer) {
		return inputs().stream().anyMatch((input) -> answer.requestId().equals(input.path("request").asString()));
	}

	private static List<JsonNode> inputs() {
		return simulator.copilot().receivedInputs().stream().map(PiecesCopilotTests::parse).toList();
	}

	private static JsonNode lastInput() {
		List<JsonNode> inputs = inputs();
		return inputs.get(inputs.size() - 1);
	}

	private static JsonNode inputFor(CopilotAnswer answer) {
		return inputs().stream()
			.filter((input) -> answer.requestId().equals(input.path("request").asString()))
			.filter((input) -> !input.path("stop").asBoolean())
			.findFirst()
			.orElseThrow();
	}

	private static JsonNode parse(String json) {
		return PiecesJson.mapper().readTree(json);
	}

	/**
	 * A copilot socket whose {@code sendMessage} of a question returns only once the simulator holds the question,
	 * so that a caller's timeout cannot expire before Pieces OS received it.
	 */
	private static final class ReceiptAwaitingAskStream {

		final List<String> questionsReceived = new CopyOnWriteArrayList<>();

		final AskStreamWS socket;

		ReceiptAwaitingAskStream(PiecesWebsocketManager manager) {
			this.socket = TestAskStreams.afterEachSend(manager, (input, sent) -> {
				String requestId = input.request();
				String query = (input.relevance() != null) ? input.relevance().query() : null;
				// only questions: a stop frame may be sent from a thread the write needs (waiting there could block it)
				if (query != null && requestId != null) {
					sent.join();
					await().atMost(WAIT)
						.until(() -> simulator.copilot().lastRequestFor(query).filter(requestId::equals).isPresent());
					this.questionsReceived.add(requestId);
				}
			});
		}

	}

}
