package app.pieces.sample.ai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.pieces.simulator.PiecesOsSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's Spring AI section ({@code /api/chat}, {@link ChatController}) against the embedded simulator,
 * over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class SampleChatTests {

	private static final String FIXTURE_QUESTION = "How do I add jitter to this retry helper?";

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private PiecesOsSimulator simulator;

	private RestClient rest;

	@BeforeEach
	void connectToTheApp() {
		this.rest = AppClient.on(this.port);
		// an earlier test class sharing this context may have restarted the simulator
		await().atMost(WAIT).until(this.simulator::isRunning);
	}

	@AfterEach
	void resetCopilot() {
		this.simulator.copilot().reset();
	}

	@Test
	void chatShouldAnswerWithTheScriptedAnswerAndItsConversation() {
		JsonNode answer = chat(Map.of("question", FIXTURE_QUESTION));

		assertThat(answer.get("answer").asString()).isEqualTo(this.simulator.copilot().answerFor(FIXTURE_QUESTION));
		String conversation = answer.get("conversation").asString();
		assertThat(this.simulator.conversationMessages(conversation)).containsExactly("USER: " + FIXTURE_QUESTION,
				"ASSISTANT: " + answer.get("answer").asString());
	}

	@Test
	void chatWithConversationAndModelShouldContinueTheConversationWithThatModel() {
		String conversation = chat(Map.of("question", "How do I retry a REST call?")).get("conversation").asString();

		JsonNode followUp = chat(Map.of("question", "And with jitter?", "conversation", conversation, "model",
				"GPT-4o Chat Model"));

		assertThat(followUp.get("conversation").asString()).isEqualTo(conversation);
		assertThat(followUp.get("model").asString()).isEqualTo("GPT-4o Chat Model");
		assertThat(followUp.get("answer").asString()).isEqualTo(this.simulator.copilot().answerFor("And with jitter?"));
		assertThat(this.simulator.conversationMessages(conversation)).hasSize(4)
			.endsWith("USER: And with jitter?", "ASSISTANT: " + followUp.get("answer").asString());
	}

	@Test
	void chatWithUnknownModelShouldBeUnprocessableAndListTheModels() {
		var response = this.rest.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("question", "Hi", "model", "GPT-9 Ultra"))
			.retrieve()
			.toEntity(String.class);

		assertThat(response.getStatusCode().value()).isEqualTo(422);
		assertThat(response.getBody()).contains("Unknown Pieces OS model 'GPT-9 Ultra'").contains("GPT-4o Chat Model");
	}

	@Test
	void chatWhenPiecesOsFailsTheAnswerShouldKeepItsErrorMessage() {
		this.simulator.copilot().failNext(503, "Overloaded");

		var response = this.rest.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("question", "Hi"))
			.retrieve()
			.toEntity(String.class);

		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getBody()).contains("Overloaded");
	}

	@Test
	void chatWithBlankQuestionShouldBeABadRequest() {
		var response = this.rest.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("question", " "))
			.retrieve()
			.toBodilessEntity();

		assertThat(response.getStatusCode().value()).isEqualTo(400);
	}

	@Test
	void streamShouldSendTheChunksInOrderAsServerSentEvents() {
		var response = this.rest.get()
			.uri("/api/chat/stream?question={question}", FIXTURE_QUESTION)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.toEntity(String.class);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(dataOfEvents(String.valueOf(response.getBody())))
			.containsExactlyElementsOf(this.simulator.copilot().chunksFor(FIXTURE_QUESTION));
	}

	@Test
	void ragShouldAnswerWithTheSnippetsItPutIntoThePrompt() {
		JsonNode answer = post("/api/ai/rag", Map.of("question", "How does our retry with exponential backoff work?"));
		assertThat(answer.get("answer").asString()).isNotBlank();
		JsonNode documents = answer.get("documents");
		assertThat(documents.isArray() && !documents.isEmpty()).isTrue();
		assertThat(documents.get(0).get("name").asString()).startsWith("Retry with exponential backoff");
		assertThat(documents.get(0).get("score").asDouble()).isPositive();
		assertThat(this.simulator.state().assets()).contains(documents.get(0).get("id").asString());
		// the copilot was asked the question together with the snippet's code
		assertThat(this.simulator.copilot().receivedInputs()).last().asString().contains("delay *= 2;");
	}

	@Test
	void memoryChatShouldContinueOnePiecesConversationPerChatId() {
		JsonNode first = post("/api/ai/memory-chat", Map.of("chatId", "sample-memory", "question", "My name is Ada."));
		JsonNode second = post("/api/ai/memory-chat", Map.of("chatId", "sample-memory", "question", "What is my name?"));
		String piecesId = first.get("piecesConversationId").asString();
		assertThat(second.get("piecesConversationId").asString()).isEqualTo(piecesId);
		List<String> messages = this.simulator.conversationMessages(piecesId);
		assertThat(messages).containsExactly("USER: My name is Ada.", "ASSISTANT: " + first.get("answer").asString(),
				"USER: What is my name?", "ASSISTANT: " + second.get("answer").asString());
		assertThat(this.rest.post().uri("/api/ai/memory-chat").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("question", "no chat id")).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(400);
	}

	private JsonNode post(String path, Map<String, String> body) {
		String response = this.rest.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
			.body(String.class);
		return json.readTree(response);
	}

	private JsonNode chat(Map<String, String> body) {
		String response = this.rest.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(String.class);
		return json.readTree(response);
	}

	/**
	 * Parse a {@code text/event-stream} body into the data of its events (data lines joined with a line feed,
	 * taken exactly as written after {@code data:}).
	 */
	private static List<String> dataOfEvents(String body) {
		List<String> events = new ArrayList<>();
		for (String block : body.split("\n\n")) {
			List<String> data = new ArrayList<>();
			for (String line : block.split("\n", -1)) {
				if (line.startsWith("data:")) {
					data.add(line.substring(5));
				}
			}
			if (!data.isEmpty()) {
				events.add(String.join("\n", data));
			}
		}
		return events;
	}

}
