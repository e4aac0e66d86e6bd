package app.pieces.sample.ai;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

import app.pieces.simulator.PiecesOsSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's MCP tools endpoints ({@link ToolsController}) against the embedded simulator, over real HTTP: the
 * tools listed and called, the errors, and a Pieces OS that goes away and comes back (503 with a reason meanwhile,
 * the tools back by themselves afterwards).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
@DirtiesContext
class SampleToolsTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Map<String, Object> ASK = Map.of("name", "ask_pieces_ltm", "arguments",
			Map.of("question", "What did I do about jitter in the retry helper?", "chat_llm", "gpt-4o"));

	@LocalServerPort
	private int port;

	@Autowired
	private PiecesOsSimulator simulator;

	private RestClient rest;

	@BeforeEach
	void connectToTheApp() {
		this.rest = AppClient.on(this.port);
		await().atMost(WAIT).until(this.simulator::isRunning);
		await().atMost(WAIT).until(() -> tools().size() == 2);
	}

	@AfterEach
	void resetMcp() {
		this.simulator.mcp().reset();
	}

	@Test
	void toolsShouldBeListedAndCalled() {
		JsonNode tools = tools();
		assertThat(tools.get(0).get("name").asString()).isEqualTo("ask_pieces_ltm");
		assertThat(tools.get(1).get("name").asString()).isEqualTo("create_pieces_memory");
		assertThat(tools.get(0).get("description").asString()).isNotBlank();
		Call answer = call(ASK);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body().get("content").asString()).contains("Retry helper: backoff with jitter");
		Call created = call(Map.of("name", "create_pieces_memory", "arguments",
				Map.of("summary_description", "Tried the sample's tools", "summary", "It worked")));
		assertThat(created.status()).isEqualTo(200);
		assertThat(this.simulator.workstreamIds("workstream_summaries")).hasSizeGreaterThan(2);
	}

	@Test
	void badCallsShouldSayWhatIsWrong() {
		assertThat(call(Map.of("arguments", Map.of())).status()).isEqualTo(400);
		Call unknown = call(Map.of("name", "format_my_disk"));
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body().get("detail").asString()).contains("format_my_disk");
		this.simulator.mcp().failNext("ask_pieces_ltm", "Pieces LTM is warming up");
		Call failed = call(ASK);
		assertThat(failed.status()).isEqualTo(502);
		assertThat(failed.body().get("detail").asString()).contains("Pieces LTM is warming up");
	}

	@Test
	void piecesOsAwayShouldGive503WithAReasonAndTheToolsComeBackByThemselves() {
		this.simulator.restart(Duration.ofMinutes(5));
		await().atMost(WAIT).until(() -> tools().isEmpty());
		Call away = call(ASK);
		assertThat(away.status()).isEqualTo(503);
		assertThat(away.body().get("detail").asString()).contains("cannot be called now");
		assertThat(away.body().get("reason").asString()).isEqualTo(away.body().get("detail").asString());
		this.simulator.restart(Duration.ZERO);
		await().atMost(WAIT).until(() -> tools().size() == 2);
		assertThat(call(ASK).status()).isEqualTo(200);
	}

	private JsonNode tools() {
		return json.readTree(this.rest.get().uri("/api/ai/tools").retrieve().body(String.class));
	}

	private Call call(Map<String, Object> request) {
		return this.rest.post()
			.uri("/api/ai/tools/call")
			.contentType(MediaType.APPLICATION_JSON)
			.body(request)
			.exchange((req, response) -> new Call(response.getStatusCode().value(),
					json.readTree(response.getBody())));
	}

	private record Call(int status, JsonNode body) {
	}

}
