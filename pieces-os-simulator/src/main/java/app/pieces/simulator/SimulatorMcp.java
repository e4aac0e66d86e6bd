package app.pieces.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's MCP server, as Pieces OS runs it on its own port: streamable HTTP at
 * {@value #STREAMABLE_PATH} and SSE at {@value #SSE_PATH} (messages to {@value #MESSAGES_PATH}), both served by the
 * official MCP Java SDK. It offers Pieces' two tools with their published input schemas: {@code ask_pieces_ltm}
 * answers from the seeded workstream summaries and assets, {@code create_pieces_memory} creates a workstream
 * summary (announced on its stream, listed by {@code GET /workstream_summaries}, recalled by later questions).
 * <p>
 * Scripting ({@code sim.mcp()}): {@link #failNext(String, String)} makes a tool answer with an error,
 * {@link #hang(boolean)} holds every tool call until released; {@link #calls()} lists what was called.
 */
public final class SimulatorMcp {

	/** The streamable HTTP endpoint (MCP 2025-03-26). */
	public static final String STREAMABLE_PATH = "/model_context_protocol/2025-03-26/mcp";

	/** The SSE endpoint (MCP 2024-11-05), the one the official CLI's gateway uses. */
	public static final String SSE_PATH = "/model_context_protocol/2024-11-05/sse";

	/** Where SSE clients post their messages, as the official {@code ModelContextProtocolApi} names it. */
	public static final String MESSAGES_PATH = "/model_context_protocol/2024-11-05/messages";

	/** A hung call gives up after this long, so that a forgotten {@code hang(true)} cannot pin a thread forever. */
	private static final Duration HANG_LIMIT = Duration.ofMinutes(5);

	private final SimulatorHub hub;

	private final List<Tool> tools;

	private final Map<String, Queue<String>> failures = new ConcurrentHashMap<>();

	private final List<ToolCall> calls = new CopyOnWriteArrayList<>();

	private final AtomicReference<@Nullable CompletableFuture<Void>> hold = new AtomicReference<>();

	private final Map<String, String> memories = new ConcurrentHashMap<>();

	private final List<McpSyncServer> servers = new CopyOnWriteArrayList<>();

	private volatile boolean streamableOffered = true;

	SimulatorMcp(SimulatorHub hub) {
		this.hub = hub;
		this.tools = readTools();
	}

	// ---- scripting API

	/**
	 * Make the next call of a tool answer with an error result ({@code isError: true}) carrying this text, as
	 * Pieces OS does when, say, LTM is off. Calls queue up per tool.
	 * @param tool the tool name, e.g. {@code ask_pieces_ltm}
	 * @param message the error text
	 */
	public void failNext(String tool, String message) {
		this.failures.computeIfAbsent(tool, (name) -> new ConcurrentLinkedQueue<>()).add(message);
	}

	/**
	 * Hold every tool call (the client waits for its answer) until {@code hang(false)}; then the held calls are
	 * answered. Lets a test see what a client does when Pieces OS stops answering.
	 * @param hang whether to hold the calls
	 */
	public void hang(boolean hang) {
		if (hang) {
			this.hold.compareAndSet(null, new CompletableFuture<>());
		}
		else {
			CompletableFuture<Void> held = this.hold.getAndSet(null);
			if (held != null) {
				held.complete(null);
			}
		}
	}

	/**
	 * Offer the streamable HTTP endpoint or not: without it, {@value #STREAMABLE_PATH} answers 404, as a Pieces OS
	 * that only speaks SSE would, so clients' fallback to SSE can be tested.
	 * @param offered whether streamable HTTP is served
	 */
	public void offerStreamable(boolean offered) {
		this.streamableOffered = offered;
	}

	/**
	 * The tool calls received, oldest first (held ones included).
	 * @return the calls
	 */
	public List<ToolCall> calls() {
		return List.copyOf(this.calls);
	}

	/**
	 * The tools offered, as {@code tools/list} gives them.
	 * @return the tool names, in order
	 */
	public List<String> toolNames() {
		return this.tools.stream().map(Tool::name).toList();
	}

	/**
	 * Forget scripted failures and recorded calls, and release held calls.
	 */
	public void reset() {
		this.failures.clear();
		this.calls.clear();
		this.streamableOffered = true;
		hang(false);
	}

	// ---- the server

	/**
	 * Serve MCP in a new run of the embedded Tomcat: one SDK server per transport, closed by {@link #close()}. The
	 * SSE endpoint announces its message endpoint as a path, which clients resolve against the SSE URL.
	 * @param context the Tomcat context
	 */
	void register(Context context) {
		HttpServletStreamableServerTransportProvider streamable = HttpServletStreamableServerTransportProvider
			.builder()
			.jsonMapper(McpJsonDefaults.getMapper())
			.mcpEndpoint(STREAMABLE_PATH)
			.build();
		HttpServletSseServerTransportProvider sse = HttpServletSseServerTransportProvider.builder()
			.jsonMapper(McpJsonDefaults.getMapper())
			.sseEndpoint(SSE_PATH)
			.messageEndpoint(MESSAGES_PATH)
			.build();
		this.servers.add(configure(McpServer.sync(streamable)));
		this.servers.add(configure(McpServer.sync(sse)));
		addServlet(context, "mcp-streamable", new HttpServlet() {

			@Override
			protected void service(HttpServletRequest request, HttpServletResponse response)
					throws ServletException, IOException {
				if (SimulatorMcp.this.streamableOffered) {
					streamable.service(request, response);
				}
				else {
					response.sendError(404, "No streamable HTTP MCP endpoint here");
				}
			}

		}, STREAMABLE_PATH);
		addServlet(context, "mcp-sse", sse, SSE_PATH, MESSAGES_PATH);
	}

	/**
	 * Close the SDK servers of the current run (their sessions end with the run).
	 */
	void close() {
		for (McpSyncServer server : this.servers) {
			try {
				server.close();
			}
			catch (RuntimeException ex) {
				// the run is going away anyway
			}
		}
		this.servers.clear();
	}

	private McpSyncServer configure(McpServer.SyncSpecification<?> specification) {
		List<SyncToolSpecification> specifications = new ArrayList<>();
		for (Tool tool : this.tools) {
			specifications.add(SyncToolSpecification.builder()
				.tool(tool)
				.callHandler((exchange, request) -> call(tool.name(), request.arguments()))
				.build());
		}
		return specification.serverInfo("Pieces OS (simulator)", "12.3.2")
			.capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
			.tools(specifications)
			.build();
	}

	private static void addServlet(Context context, String name, jakarta.servlet.Servlet servlet, String... paths) {
		Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
		wrapper.setAsyncSupported(true);
		for (String path : paths) {
			context.addServletMappingDecoded(path, name);
		}
	}

	private CallToolResult call(String tool, @Nullable Map<String, Object> given) {
		Map<String, Object> arguments = (given != null) ? given : Map.of();
		this.calls.add(new ToolCall(tool, Collections.unmodifiableMap(new LinkedHashMap<>(arguments))));
		awaitRelease();
		Queue<String> scripted = this.failures.get(tool);
		String failure = (scripted != null) ? scripted.poll() : null;
		if (failure != null) {
			return error(failure);
		}
		return switch (tool) {
			case "ask_pieces_ltm" -> askLtm(arguments);
			case "create_pieces_memory" -> createMemory(arguments);
			default -> error("Unknown tool: " + tool);
		};
	}

	private void awaitRelease() {
		CompletableFuture<Void> held = this.hold.get();
		if (held == null) {
			return;
		}
		try {
			held.get(HANG_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// answer after all
		}
	}

	private CallToolResult askLtm(Map<String, Object> arguments) {
		String missing = missing(arguments, "question", "chat_llm");
		if (missing != null) {
			return error(missing);
		}
		if (!this.hub.isLtmActive()) {
			return error("Pieces Long-Term Memory is not running. Turn it on in Pieces OS, then ask again.");
		}
		String question = arguments.get("question").toString();
		List<String> recalled = this.hub.recall(words(question, arguments.get("topics")), this.memories);
		StringBuilder text = new StringBuilder("Pieces LTM, about \"").append(question).append("\":");
		for (String line : recalled) {
			text.append("\n- ").append(line);
		}
		return CallToolResult.builder().addTextContent(text.toString()).isError(false).build();
	}

	private CallToolResult createMemory(Map<String, Object> arguments) {
		String missing = missing(arguments, "summary_description", "summary");
		if (missing != null) {
			return error(missing);
		}
		String title = arguments.get("summary_description").toString();
		String id = this.hub.createWorkstreamItem(StreamKind.WORKSTREAM_SUMMARIES, title, false);
		this.memories.put(id, arguments.get("summary").toString());
		return CallToolResult.builder()
			.addTextContent("Created the Pieces memory \"" + title + "\" (workstream summary " + id + ")")
			.isError(false)
			.build();
	}

	/** The SDK checks the schema (a missing argument never gets here); a blank one is refused here. */
	private static @Nullable String missing(Map<String, Object> arguments, String... required) {
		for (String name : required) {
			Object value = arguments.get(name);
			if (value == null || value.toString().isBlank()) {
				return "'" + name + "' must not be blank";
			}
		}
		return null;
	}

	private static List<String> words(String question, @Nullable Object topics) {
		List<String> words = new ArrayList<>();
		for (String word : question.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
			if (word.length() >= 4) {
				words.add(word);
			}
		}
		if (topics instanceof List<?> list) {
			list.forEach((topic) -> words.add(String.valueOf(topic).toLowerCase(Locale.ROOT)));
		}
		return words;
	}

	private static CallToolResult error(String message) {
		return CallToolResult.builder().addTextContent(message).isError(true).build();
	}

	private static List<Tool> readTools() {
		JsonNode tools;
		try (InputStream in = SimulatorMcp.class.getResourceAsStream("mcp-tools.json")) {
			if (in == null) {
				throw new IllegalStateException("mcp-tools.json is missing from the simulator's jar");
			}
			tools = Json.MAPPER.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Tool> result = new ArrayList<>();
		for (JsonNode tool : tools) {
			result.add(Tool.builder()
				.name(tool.get("name").asString())
				.description(tool.get("description").asString())
				.inputSchema(Json.toMap(tool.get("inputSchema")))
				.build());
		}
		return List.copyOf(result);
	}

	/**
	 * One tool call as the simulator received it.
	 *
	 * @param tool the tool name
	 * @param arguments its arguments
	 */
	public record ToolCall(String tool, Map<String, Object> arguments) {
	}

}
