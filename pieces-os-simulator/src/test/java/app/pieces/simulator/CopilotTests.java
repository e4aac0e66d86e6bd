package app.pieces.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scripted copilot on {@code /qgpt/stream}, driven with the JDK's {@link java.net.http.WebSocket}.
 */
class CopilotTests {

	private static final String FIXTURE_CONVERSATION = "e671234d-be69-49c0-9900-e8fae48d24b9";

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder()
		.chunkDelay(Duration.ofMillis(5))
		.build();

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	@AfterEach
	void resetCopilot() {
		sim().copilot().reset();
	}

	private static WsProbe qgpt() {
		return WsProbe.connect(sim().webSocketUrl(), "/qgpt/stream");
	}

	private static String question(String request, String conversation, String query) {
		ObjectNode input = Json.object();
		if (request != null) {
			input.put("request", request);
		}
		if (conversation != null) {
			input.put("conversation", conversation);
		}
		ObjectNode relevance = input.putObject("relevance");
		relevance.put("query", query);
		relevance.putObject("options").put("question", true);
		return Json.write(input);
	}

	/**
	 * Collect the frames of one request up to and including its terminal frame.
	 */
	private static List<JsonNode> framesOf(WsProbe probe, String request) {
		await().until(() -> probe.messages.stream()
			.map(Json::parse)
			.anyMatch((frame) -> request.equals(frame.path("request").asString())
					&& isTerminal(frame.get("status").asString())));
		List<JsonNode> frames = new ArrayList<>();
		for (String message : probe.messages) {
			JsonNode frame = Json.parse(message);
			if (request.equals(frame.path("request").asString())) {
				frames.add(frame);
			}
		}
		return frames;
	}

	private static boolean isTerminal(String status) {
		return !status.equals("IN-PROGRESS") && !status.equals("INITIALIZED");
	}

	private static String concatenate(List<JsonNode> frames) {
		StringBuilder answer = new StringBuilder();
		for (JsonNode frame : frames) {
			if (frame.get("status").asString().equals("IN-PROGRESS")) {
				answer.append(frame.get("question").get("answers").get("iterable").get(0).get("text").asString());
			}
		}
		return answer.toString();
	}

	@Test
	void fixtureQuestionShouldStreamTheFixtureChunksThenCompletedWithoutQuestion() {
		List<JsonNode> expected = Fixtures.jsonLines("qgpt-stream-output-sequence.jsonl");
		try (WsProbe probe = qgpt()) {
			probe.send(Fixtures.text("qgpt-stream-input.json"));
			List<JsonNode> frames = framesOf(probe, "e5b38f66-a039-4a3b-9004-fb6d512939e2");
			assertThat(frames).containsExactlyElementsOf(expected.subList(1, expected.size()));
			JsonNode last = frames.get(frames.size() - 1);
			assertThat(last.get("status").asString()).isEqualTo("COMPLETED");
			assertThat(last.has("question")).isFalse();
			assertThat(concatenate(frames)).isEqualTo(sim().copilot().answerFor(DemoData.FIXTURE_QUESTION))
				.isEqualTo("Add a random component to each sleep, e.g. `delay + ThreadLocalRandom.current()"
						+ ".nextLong(delay / 2)`, so that clients retrying at the same time spread out instead of "
						+ "hitting the server together.");
		}
	}

	@Test
	void otherQuestionsShouldGetDeterministicDistinctMultiChunkAnswers() {
		SimulatorCopilot copilot = sim().copilot();
		assertThat(copilot.answerFor("What is a monad?")).isEqualTo(copilot.answerFor("What is a monad?"))
			.isNotEqualTo(copilot.answerFor("What is a functor?"));
		assertThat(copilot.chunksFor("What is a monad?")).hasSizeGreaterThan(2);
		try (WsProbe probe = qgpt()) {
			probe.send(question("r-monad", null, "What is a monad?"));
			List<JsonNode> frames = framesOf(probe, "r-monad");
			assertThat(concatenate(frames)).isEqualTo(copilot.answerFor("What is a monad?"));
			assertThat(frames).allSatisfy((frame) -> assertThat(frame.get("conversation").asString()).isNotEmpty());
		}
	}

	@Test
	void questionWithoutConversationShouldCreateOneAndAppendUserAndAssistantMessages() {
		try (WsProbe conversations = WsProbe.connect(sim().webSocketUrl(), "/conversations/stream/identifiers");
				WsProbe probe = qgpt()) {
			conversations.awaitMessage(0);
			probe.send(question("r-new", null, "How do I reverse a list in Python?"));
			List<JsonNode> frames = framesOf(probe, "r-new");
			String conversation = frames.get(0).get("conversation").asString();
			assertThat(frames).allSatisfy(
					(frame) -> assertThat(frame.get("conversation").asString()).isEqualTo(conversation));
			assertThat(sim().state().conversations()).contains(conversation);
			assertThat(sim().conversationMessages(conversation)).containsExactly(
					"USER: How do I reverse a list in Python?",
					"ASSISTANT: " + sim().copilot().answerFor("How do I reverse a list in Python?"));
			await().until(() -> conversations.messages.size() >= 3);
			assertThat(conversations.messages.subList(1, 3)).allSatisfy((frame) -> assertThat(
					Json.parse(frame).get("iterable").get(0).get("conversation").get("id").asString())
				.isEqualTo(conversation));
			JsonNode snapshot = Http.json(Http.get(sim().baseUrl() + "/conversation/" + conversation));
			assertThat(snapshot.get("messages").get("iterable")).hasSize(2);
		}
	}

	@Test
	void questionWithoutRequestIdShouldGetAGeneratedOne() {
		try (WsProbe probe = qgpt()) {
			probe.send(question(null, FIXTURE_CONVERSATION, "Anything?"));
			JsonNode first = probe.awaitJson(0);
			String request = first.get("request").asString();
			assertThat(request).isNotEmpty();
			assertThat(framesOf(probe, request).get(0).get("conversation").asString()).isEqualTo(FIXTURE_CONVERSATION);
		}
	}

	@Test
	void interleavedRequestsOnOneSocketShouldKeepTheirOwnRequestIds() {
		try (WsProbe probe = qgpt()) {
			probe.send(question("r-a", FIXTURE_CONVERSATION, "First question about retries"));
			probe.send(question("r-b", null, "Second question about caches"));
			List<JsonNode> a = framesOf(probe, "r-a");
			List<JsonNode> b = framesOf(probe, "r-b");
			assertThat(concatenate(a)).isEqualTo(sim().copilot().answerFor("First question about retries"));
			assertThat(concatenate(b)).isEqualTo(sim().copilot().answerFor("Second question about caches"));
			assertThat(a.get(a.size() - 1).get("status").asString()).isEqualTo("COMPLETED");
			assertThat(b.get(b.size() - 1).get("status").asString()).isEqualTo("COMPLETED");
			assertThat(a).allSatisfy((frame) -> assertThat(frame.get("conversation").asString())
				.isEqualTo(FIXTURE_CONVERSATION));
			assertThat(b.get(0).get("conversation").asString()).isNotEqualTo(FIXTURE_CONVERSATION);
		}
	}

	@Test
	void stopShouldEndTheRequestWithStopped() {
		sim().copilot().silent(true);
		try (WsProbe probe = qgpt()) {
			probe.send(question("r-stop", FIXTURE_CONVERSATION, "A long answer please"));
			await().until(() -> sim().copilot().inFlight() == 1);
			probe.send(Fixtures.text("qgpt-stream-input-stop.json"));
			JsonNode stopped = probe.awaitJson(0);
			assertThat(stopped.get("status").asString()).isEqualTo("STOPPED");
			assertThat(stopped.get("request").asString()).isEqualTo("r-stop");
			assertThat(stopped.get("conversation").asString()).isEqualTo(FIXTURE_CONVERSATION);
			assertThat(sim().copilot().inFlight()).isZero();
			assertThat(sim().copilot().receivedInputs()).hasSize(2)
				.last()
				.satisfies((input) -> assertThat(Json.parse(input).get("stop").asBoolean()).isTrue());
		}
	}

	@Test
	void stopWithARequestIdShouldEndOnlyThatRequest() {
		sim().copilot().silent(true);
		try (WsProbe probe = qgpt()) {
			probe.send(question("r-keep", FIXTURE_CONVERSATION, "Keep me"));
			probe.send(question("r-end", FIXTURE_CONVERSATION, "End me"));
			await().until(() -> sim().copilot().inFlight() == 2);
			probe.send("{\"request\":\"r-end\",\"stop\":true}");
			JsonNode stopped = probe.awaitJson(0);
			assertThat(stopped.get("request").asString()).isEqualTo("r-end");
			assertThat(stopped.get("status").asString()).isEqualTo("STOPPED");
			assertThat(sim().copilot().inFlight()).isEqualTo(1);
			probe.send("{\"reset\":true}");
			JsonNode reset = probe.awaitJson(1);
			assertThat(reset.get("request").asString()).isEqualTo("r-keep");
			assertThat(reset.get("status").asString()).isEqualTo("RESET");
		}
	}

	@Test
	void silentCopilotShouldAcceptQuestionsWithoutAnswering() {
		sim().copilot().silent(true);
		try (WsProbe probe = qgpt()) {
			probe.send(question("r-silent", FIXTURE_CONVERSATION, "Hello?"));
			await().until(() -> sim().copilot().inFlight() == 1);
			sim().copilot().silent(false);
			probe.send(question("r-loud", FIXTURE_CONVERSATION, "Hello again?"));
			framesOf(probe, "r-loud");
			assertThat(probe.messages).noneMatch((message) -> message.contains("r-silent"));
		}
	}

	@Test
	void resetOfTheScriptShouldEndRequestsInFlightAndTellThemApartById() {
		sim().copilot().silent(true);
		try (WsProbe probe = qgpt()) {
			probe.send(question("r-held", FIXTURE_CONVERSATION, "Held until the script is reset"));
			await().until(() -> sim().copilot().isInFlight("r-held"));
			assertThat(sim().copilot().lastRequestFor("Held until the script is reset")).contains("r-held");
			assertThat(sim().copilot().isInFlight("r-other")).isFalse();
			probe.send("{\"request\":\"r-other\",\"stop\":true}");
			await().until(() -> sim().copilot().sawStop("r-other"));
			assertThat(sim().copilot().sawStop("r-held")).isFalse();
			sim().copilot().reset();
			assertThat(sim().copilot().isInFlight("r-held")).isFalse();
			assertThat(sim().copilot().lastRequestFor("Held until the script is reset")).isEmpty();
			assertThat(sim().copilot().sawStop("r-other")).isFalse();
		}
	}

	@Test
	void seedsWithoutApplicationShouldBeAnsweredWithFailed400AndSeedsWithItShouldBeAnswered() {
		String format = "\"format\":{\"fragment\":{\"string\":{\"raw\":\"int x = 1;\"}}}";
		try (WsProbe probe = qgpt()) {
			probe.send("{\"request\":\"r-no-app\",\"relevance\":{\"query\":\"Explain\",\"seeds\":{\"iterable\":"
					+ "[{\"type\":\"SEEDED_ASSET\",\"asset\":{" + format + "}}]}}}");
			List<JsonNode> frames = framesOf(probe, "r-no-app");
			assertThat(frames).singleElement().satisfies((failed) -> {
				assertThat(failed.get("status").asString()).isEqualTo("FAILED");
				assertThat(failed.get("statusCode").asInt()).isEqualTo(400);
				assertThat(failed.get("errorMessage").asString())
					.contains("relevance.seeds.iterable[0].asset requires application");
			});
			probe.send("{\"request\":\"r-no-format\",\"question\":{\"query\":\"Explain\",\"relevant\":{\"iterable\":"
					+ "[{\"seed\":{\"type\":\"SEEDED_ASSET\",\"asset\":{\"application\":{\"id\":\"app\"}}}}]}}}");
			assertThat(framesOf(probe, "r-no-format")).singleElement()
				.satisfies((failed) -> assertThat(failed.get("errorMessage").asString())
					.contains("question.relevant.iterable[0].seed.asset requires format"));
			probe.send("{\"request\":\"r-with-app\",\"relevance\":{\"query\":\"Explain\",\"seeds\":{\"iterable\":"
					+ "[{\"type\":\"SEEDED_ASSET\",\"asset\":{\"application\":{\"id\":\"app\"}," + format + "}}]}}}");
			assertThat(framesOf(probe, "r-with-app")).last()
				.satisfies((completed) -> assertThat(completed.get("status").asString()).isEqualTo("COMPLETED"));
		}
	}

	@Test
	void failNextShouldAnswerTheNextQuestionWithFailed() {
		sim().copilot().failNext(401, "UserSubscriptionRequired");
		try (WsProbe probe = qgpt()) {
			probe.send(question("r-fail", FIXTURE_CONVERSATION, "Will this fail?"));
			List<JsonNode> frames = framesOf(probe, "r-fail");
			assertThat(frames).hasSize(1);
			JsonNode failed = frames.get(0);
			assertThat(failed.get("status").asString()).isEqualTo("FAILED");
			assertThat(failed.get("statusCode").asInt()).isEqualTo(401);
			assertThat(failed.get("errorMessage").asString()).isEqualTo("UserSubscriptionRequired");
			assertThat(failed.get("conversation").asString()).isEqualTo(FIXTURE_CONVERSATION);
			probe.send(question("r-after", FIXTURE_CONVERSATION, "And now?"));
			List<JsonNode> after = framesOf(probe, "r-after");
			assertThat(after.get(after.size() - 1).get("status").asString()).isEqualTo("COMPLETED");
		}
	}

	@Test
	void badInputShouldAnswerFailedAndKeepTheSocketUsable() {
		try (WsProbe probe = qgpt()) {
			probe.send("{this is not json");
			JsonNode failed = probe.awaitJson(0);
			assertThat(failed.get("status").asString()).isEqualTo("FAILED");
			assertThat(failed.get("statusCode").asInt()).isEqualTo(400);
			probe.send("{\"request\":\"r-empty\"}");
			JsonNode empty = probe.awaitJson(1);
			assertThat(empty.get("request").asString()).isEqualTo("r-empty");
			assertThat(empty.get("status").asString()).isEqualTo("FAILED");
			probe.send("{\"request\":\"r-gone\",\"conversation\":\"00000000-0000-0000-0000-000000000000\","
					+ "\"relevance\":{\"query\":\"hi\"}}");
			JsonNode unknown = probe.awaitJson(2);
			assertThat(unknown.get("statusCode").asInt()).isEqualTo(404);
			probe.send(question("r-ok", FIXTURE_CONVERSATION, "Still there?"));
			List<JsonNode> ok = framesOf(probe, "r-ok");
			assertThat(ok.get(ok.size() - 1).get("status").asString()).isEqualTo("COMPLETED");
			assertThat(probe.isClosed()).isFalse();
		}
	}

	@Test
	void inputWithBothRelevanceAndQuestionShouldFailWith400() {
		try (WsProbe probe = qgpt()) {
			probe.send("{\"request\":\"r-both\",\"relevance\":{\"query\":\"a\"},"
					+ "\"question\":{\"query\":\"b\",\"relevant\":{\"iterable\":[]}}}");
			JsonNode failed = probe.awaitJson(0);
			assertThat(failed.get("request").asString()).isEqualTo("r-both");
			assertThat(failed.get("status").asString()).isEqualTo("FAILED");
			assertThat(failed.get("statusCode").asInt()).isEqualTo(400);
			assertThat(failed.get("errorMessage").asString()).contains("not both");
		}
	}

	@Test
	void questionWithAHalfMegabyteSnippetShouldBeAccepted() {
		String snippet = "x".repeat(512 * 1024);
		try (WsProbe probe = qgpt()) {
			probe.send("{\"request\":\"r-big\",\"conversation\":\"" + FIXTURE_CONVERSATION
					+ "\",\"relevance\":{\"query\":\"Explain\",\"paths\":[\"" + snippet + "\"]}}");
			List<JsonNode> frames = framesOf(probe, "r-big");
			assertThat(frames.get(frames.size() - 1).get("status").asString()).isEqualTo("COMPLETED");
		}
	}

	@Test
	void questionModeInputShouldBeAnsweredLikeRelevanceMode() {
		try (WsProbe probe = qgpt()) {
			probe.send(Fixtures.text("qgpt-stream-input-question-mode.json"));
			List<JsonNode> frames = framesOf(probe, "00a093b3-3004-4051-95ea-8371ea6b6205");
			assertThat(concatenate(frames))
				.isEqualTo(sim().copilot().answerFor("Explain what this snippet does in one sentence."));
		}
	}

	@Test
	void receivedInputsShouldRecordRawFrames() {
		try (WsProbe probe = qgpt()) {
			String input = question("r-record", FIXTURE_CONVERSATION, "Record me");
			probe.send(input);
			framesOf(probe, "r-record");
			assertThat(sim().copilot().receivedInputs()).containsExactly(input);
		}
	}

}
