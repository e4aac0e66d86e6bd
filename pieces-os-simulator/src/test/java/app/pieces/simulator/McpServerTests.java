package app.pieces.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulator's MCP server, driven by the official MCP Java SDK client over both of Pieces OS's transports:
 * Pieces' two tools with their published schemas, answers from the seeded data, memories that show up as
 * workstream summaries, and the scripted failure and hang.
 */
class McpServerTests {

	private static PiecesOsSimulator simulator;

	@BeforeAll
	static void start() {
		simulator = PiecesOsSimulator.builder().assets(3).start();
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@AfterEach
	void reset() {
		simulator.mcp().reset();
	}

	private static McpSyncClient client(String transport) {
		McpClientTransport wire = transport.equals("sse")
				? HttpClientSseClientTransport.builder(simulator.baseUrl()).sseEndpoint(SimulatorMcp.SSE_PATH).build()
				: HttpClientStreamableHttpTransport.builder(simulator.baseUrl())
					.endpoint(SimulatorMcp.STREAMABLE_PATH)
					.build();
		McpSyncClient client = McpClient.sync(wire).requestTimeout(Duration.ofSeconds(20)).build();
		client.initialize();
		return client;
	}

	private static String text(CallToolResult result) {
		return ((TextContent) result.content().get(0)).text();
	}

	@ParameterizedTest
	@ValueSource(strings = { "streamable", "sse" })
	void toolsShouldBeListedWithPiecesSchemas(String transport) {
		try (McpSyncClient client = client(transport)) {
			List<Tool> tools = client.listTools().tools();
			assertThat(tools).extracting(Tool::name).containsExactly("ask_pieces_ltm", "create_pieces_memory");
			Map<String, Object> ask = tools.get(0).inputSchema();
			assertThat(ask.get("required")).isEqualTo(List.of("question", "chat_llm"));
			assertThat(List.<Object>copyOf(((Map<?, ?>) ask.get("properties")).keySet())).containsExactlyInAnyOrder("question", "topics", "open_files",
					"application_sources", "chat_llm", "related_questions", "connected_client");
			Map<String, Object> create = tools.get(1).inputSchema();
			assertThat(create.get("required")).isEqualTo(List.of("summary_description", "summary"));
			assertThat(List.<Object>copyOf(((Map<?, ?>) create.get("properties")).keySet())).containsExactlyInAnyOrder("summary_description", "summary",
					"project", "files", "externalLinks", "connected_client");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "streamable", "sse" })
	void askPiecesLtmShouldAnswerFromTheSeededWorkstream(String transport) {
		try (McpSyncClient client = client(transport)) {
			CallToolResult result = client.callTool(new CallToolRequest("ask_pieces_ltm",
					Map.of("question", "What did I do about the jitter in the retry helper?", "chat_llm", "gpt-4o")));
			assertThat(result.isError()).isFalse();
			assertThat(text(result)).contains("Retry helper: backoff with jitter");
			assertThat(simulator.mcp().calls()).extracting(SimulatorMcp.ToolCall::tool).contains("ask_pieces_ltm");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "streamable", "sse" })
	void createPiecesMemoryShouldAddAWorkstreamSummaryThatLaterQuestionsRecall(String transport) {
		List<String> before = simulator.workstreamIds("workstream_summaries");
		try (McpSyncClient client = client(transport)) {
			String title = "Fixed the flaky " + transport + " reconnect test";
			CallToolResult created = client.callTool(new CallToolRequest("create_pieces_memory",
					Map.of("summary_description", title, "summary", "## Cause\nA race in the **zebrafish** handler.")));
			assertThat(created.isError()).isFalse();
			assertThat(text(created)).contains(title);
			List<String> after = simulator.workstreamIds("workstream_summaries");
			assertThat(after).hasSize(before.size() + 1);
			CallToolResult recalled = client.callTool(new CallToolRequest("ask_pieces_ltm",
					Map.of("question", "Why did the zebrafish handler fail?", "chat_llm", "gpt-4o")));
			assertThat(text(recalled)).contains(title).contains("race in the **zebrafish** handler");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "streamable", "sse" })
	void missingRequiredArgumentsOrAScriptedFailureShouldGiveAnErrorResult(String transport) {
		try (McpSyncClient client = client(transport)) {
			CallToolResult missing = client
				.callTool(new CallToolRequest("ask_pieces_ltm", Map.of("question", "Where was I?")));
			assertThat(missing.isError()).isTrue();
			assertThat(text(missing)).contains("required").contains("chat_llm");
			simulator.mcp().failNext("ask_pieces_ltm", "Pieces LTM is warming up");
			CallToolResult failed = client.callTool(
					new CallToolRequest("ask_pieces_ltm", Map.of("question", "Where was I?", "chat_llm", "gpt-4o")));
			assertThat(failed.isError()).isTrue();
			assertThat(text(failed)).isEqualTo("Pieces LTM is warming up");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "streamable", "sse" })
	void httpControlPlaneShouldScriptTheToolsForClientsOutsideTheJvm(String transport) {
		String control = simulator.baseUrl() + "/__simulator/mcp";
		assertThat(Http.post(control + "/fail?tool=create_pieces_memory&message=Disk%20full", "").statusCode())
			.isEqualTo(204);
		assertThat(Http.post(control + "/fail", "").statusCode()).as("no tool named").isEqualTo(400);
		try (McpSyncClient client = client(transport)) {
			CallToolResult failed = client.callTool(new CallToolRequest("create_pieces_memory",
					Map.of("summary_description", "Scripted", "summary", "over HTTP")));
			assertThat(failed.isError()).isTrue();
			assertThat(text(failed)).isEqualTo("Disk full");
		}
		JsonNode calls = Http.json(Http.get(control + "/calls"));
		assertThat(calls.get(0).get("tool").asString()).isEqualTo("create_pieces_memory");
		assertThat(calls.get(0).get("arguments").get("summary").asString()).isEqualTo("over HTTP");
		assertThat(Http.post(control + "/streamable?offered=false", "").statusCode()).isEqualTo(204);
		assertThat(Http.post(simulator.baseUrl() + SimulatorMcp.STREAMABLE_PATH, "{}").statusCode()).isEqualTo(404);
		assertThat(Http.post(control + "/reset", "").statusCode()).isEqualTo(204);
		assertThat(Http.json(Http.get(control + "/calls")).size()).isZero();
	}

	@Test
	void schemaVersionsShouldListBothEntryEndpointsSseFirst() {
		JsonNode versions = Http.json(Http.get(simulator.baseUrl() + "/model_context_protocol/schema_versions"));
		assertThat(versions.get("iterable").get(0).get("version").asString()).isEqualTo("2024-11-05");
		assertThat(versions.get("iterable").get(0).get("entry_endpoint").asString()).endsWith(SimulatorMcp.SSE_PATH);
		assertThat(versions.get("iterable").get(1).get("entry_endpoint").asString())
			.endsWith(SimulatorMcp.STREAMABLE_PATH);
	}

	@ParameterizedTest
	@ValueSource(strings = { "streamable", "sse" })
	void hangShouldHoldToolCallsUntilReleased(String transport) throws Exception {
		try (McpSyncClient client = client(transport)) {
			simulator.mcp().hang(true);
			CompletableFuture<CallToolResult> call = CompletableFuture.supplyAsync(() -> client.callTool(
					new CallToolRequest("ask_pieces_ltm", Map.of("question", "Held?", "chat_llm", "gpt-4o"))));
			await().until(() -> !simulator.mcp().calls().isEmpty());
			assertThat(call).isNotDone();
			simulator.mcp().hang(false);
			assertThat(call.get(20, TimeUnit.SECONDS).isError()).isFalse();
		}
	}

}
