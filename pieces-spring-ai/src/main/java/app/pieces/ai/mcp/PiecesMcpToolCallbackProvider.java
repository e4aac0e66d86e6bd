package app.pieces.ai.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.backoff.ExponentialBackOff;

import app.pieces.websocket.PiecesWebsocketManager;

/**
 * Pieces OS's MCP tools ({@code ask_pieces_ltm}, {@code create_pieces_memory}, and whatever else Pieces OS
 * offers) as Spring AI {@link ToolCallback}s for any chat model:
 * <pre class="code">
 * chatClient.prompt("What was I doing on the retry helper yesterday?").tools(piecesTools).call().content();
 * </pre>
 * The MCP session, opened with the official MCP Java SDK, follows Pieces OS by itself: the health stream's
 * reconnect (Pieces OS back, restarted, or on another port, found by discovery) opens a new session at the current
 * base URL and lists the tools again; while Pieces OS is away a call fails at once with a
 * {@link org.springframework.ai.tool.execution.ToolExecutionException} that says so, and a call Pieces OS does not
 * answer fails after the request timeout. The callbacks outlive sessions, so they can be handed out once.
 * <p>
 * {@link #getToolCallbacks()} offers the tools of the current session, or, before the first one, Pieces' two
 * published tools (as the official CLI's gateway does), so a {@code ChatClient} built while Pieces OS is away still
 * knows them. {@link #availableTools()} lists only what can be called right now. Start it with {@link #start()};
 * {@link #close()} ends the session.
 */
public final class PiecesMcpToolCallbackProvider implements ToolCallbackProvider, AutoCloseable {

	private final McpLink link;

	private final McpMeters meters;

	private final JsonMapper json;

	private final Object monitor = new Object();

	private Map<String, McpToolCallback> callbacks;

	private PiecesMcpToolCallbackProvider(Builder builder) {
		this.meters = new McpMeters(builder.meterRegistry);
		this.json = builder.manager.client().jsonMapper();
		McpLink.Settings settings = new McpLink.Settings(builder.transport, builder.fallbackToSse,
				builder.requestTimeout, builder.initializationTimeout, builder.backOff);
		this.link = new McpLink(builder.manager, settings, this.meters, this::toolsListed);
		this.callbacks = callbacks(publishedTools(), Map.of());
	}

	/**
	 * Create a builder.
	 * @param manager the manager whose health stream drives the session and whose client finds Pieces OS
	 * @return a new builder
	 */
	public static Builder builder(PiecesWebsocketManager manager) {
		return new Builder(manager);
	}

	/**
	 * Follow the health stream and open the session as soon as Pieces OS is there. Never blocks on Pieces OS.
	 */
	public void start() {
		this.link.start();
	}

	/**
	 * Open a new session now (the health stream does this by itself; for an operator's "reconnect").
	 */
	public void reconnect() {
		this.link.reconnect();
	}

	@Override
	public ToolCallback[] getToolCallbacks() {
		synchronized (this.monitor) {
			return this.callbacks.values().toArray(new ToolCallback[0]);
		}
	}

	/**
	 * The tools that can be called right now: those of the open session, none while Pieces OS is away.
	 * @return the tools' definitions
	 */
	public List<ToolDefinition> availableTools() {
		if (!isConnected()) {
			return List.of();
		}
		synchronized (this.monitor) {
			return this.callbacks.values().stream().map(ToolCallback::getToolDefinition).toList();
		}
	}

	/**
	 * The callback of one tool, if Pieces OS offers (or published) it.
	 * @param name the tool name, e.g. {@code ask_pieces_ltm}
	 * @return the callback
	 */
	public Optional<ToolCallback> tool(String name) {
		synchronized (this.monitor) {
			return Optional.ofNullable(this.callbacks.get(name));
		}
	}

	/**
	 * Whether an MCP session with Pieces OS is open.
	 * @return {@code true} when connected
	 */
	public boolean isConnected() {
		return this.link.status().state() == State.CONNECTED;
	}

	/**
	 * The link's state, for health and operators (no personal data).
	 * @return the status
	 */
	public Status status() {
		return this.link.status();
	}

	/**
	 * End the session and stop following the health stream.
	 */
	@Override
	public void close() {
		this.link.close();
	}

	private void toolsListed(List<Tool> tools) {
		List<ToolDefinition> definitions = new ArrayList<>();
		for (Tool tool : tools) {
			definitions.add(definition(tool.name(), (tool.description() != null) ? tool.description() : tool.name(),
					tool.inputSchema()));
		}
		synchronized (this.monitor) {
			this.callbacks = callbacks(definitions, this.callbacks);
		}
		this.meters.tools(definitions.size());
	}

	/** Keep the callback of a tool whose definition did not change, so that callers holding it see no change. */
	private Map<String, McpToolCallback> callbacks(List<ToolDefinition> definitions,
			Map<String, McpToolCallback> previous) {
		Map<String, McpToolCallback> next = new LinkedHashMap<>();
		for (ToolDefinition definition : definitions) {
			McpToolCallback kept = previous.get(definition.name());
			next.put(definition.name(), (kept != null && kept.getToolDefinition().equals(definition)) ? kept
					: new McpToolCallback(definition, this.link, this.meters, this.json));
		}
		return next;
	}

	/** Pieces' two tools as the official clients know them before Pieces OS answers. */
	private List<ToolDefinition> publishedTools() {
		JsonNode tools;
		try (InputStream in = PiecesMcpToolCallbackProvider.class.getResourceAsStream("pieces-mcp-tools.json")) {
			tools = this.json.readTree(Objects.requireNonNull(in, "pieces-mcp-tools.json"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<ToolDefinition> definitions = new ArrayList<>();
		for (JsonNode tool : tools) {
			definitions.add(definition(tool.get("name").asString(), tool.get("description").asString(),
					tool.get("inputSchema")));
		}
		return definitions;
	}

	private ToolDefinition definition(String name, String description, Object inputSchema) {
		return ToolDefinition.builder()
			.name(name)
			.description(description)
			.inputSchema(this.json.writeValueAsString(inputSchema))
			.build();
	}

	@Override
	public String toString() {
		Status status = status();
		return "PiecesMcpToolCallbackProvider[" + status.state() + ", " + status.url() + ", tools=" + status.tools()
				+ "]";
	}

	/**
	 * The MCP transports of Pieces OS.
	 */
	public enum Transport {

		/** Streamable HTTP at {@code /model_context_protocol/2025-03-26/mcp}. */
		STREAMABLE_HTTP("streamable-http"),

		/** Server-sent events at {@code /model_context_protocol/2024-11-05/sse}. */
		SSE("sse");

		private final String label;

		Transport(String label) {
			this.label = label;
		}

		/**
		 * The transport's name in meters and logs.
		 * @return e.g. {@code streamable-http}
		 */
		public String label() {
			return this.label;
		}

	}

	/**
	 * The state of the MCP link.
	 */
	public enum State {

		/** A session is open: calls go to Pieces OS. */
		CONNECTED,

		/** A session is being opened. */
		CONNECTING,

		/** No session: Pieces OS is away or its MCP server did not answer; calls fail at once. */
		DISCONNECTED,

		/** Closed for good. */
		CLOSED

	}

	/**
	 * The MCP link as an operator sees it.
	 *
	 * @param state the state
	 * @param transport the transport of the open session, if any
	 * @param url the MCP endpoint of the open session, if any
	 * @param tools the tools of the open session
	 * @param problem why there is no session, if there is none
	 * @param sessionsOpened how many sessions were opened so far
	 */
	public record Status(State state, @Nullable Transport transport, @Nullable String url, List<String> tools,
			@Nullable String problem, long sessionsOpened) {
	}

	/**
	 * Builds a {@link PiecesMcpToolCallbackProvider}.
	 */
	public static final class Builder {

		private final PiecesWebsocketManager manager;

		private Transport transport = Transport.STREAMABLE_HTTP;

		private boolean fallbackToSse = true;

		private Duration requestTimeout = Duration.ofSeconds(30);

		private Duration initializationTimeout = Duration.ofSeconds(5);

		private ExponentialBackOff backOff = defaultBackOff();

		private @Nullable MeterRegistry meterRegistry;

		private Builder(PiecesWebsocketManager manager) {
			this.manager = Objects.requireNonNull(manager, "manager");
		}

		private static ExponentialBackOff defaultBackOff() {
			ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
			backOff.setMaxInterval(30_000);
			return backOff;
		}

		/**
		 * The transport tried first (default streamable HTTP).
		 * @param transport the transport
		 * @return this builder
		 */
		public Builder transport(Transport transport) {
			this.transport = Objects.requireNonNull(transport, "transport");
			return this;
		}

		/**
		 * Whether SSE is tried when streamable HTTP fails (default {@code true}).
		 * @param fallbackToSse whether to fall back
		 * @return this builder
		 */
		public Builder fallbackToSse(boolean fallbackToSse) {
			this.fallbackToSse = fallbackToSse;
			return this;
		}

		/**
		 * The bound on each MCP request, a tool call included (default 30 s).
		 * @param requestTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = positive(requestTimeout, "requestTimeout");
			return this;
		}

		/**
		 * The bound on opening a session (default 5 s).
		 * @param initializationTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder initializationTimeout(Duration initializationTimeout) {
			this.initializationTimeout = positive(initializationTimeout, "initializationTimeout");
			return this;
		}

		/**
		 * The retries while Pieces OS is up but its MCP server does not answer (default 0.5 s doubling to 30 s).
		 * @param backOff the backoff
		 * @return this builder
		 */
		public Builder backOff(ExponentialBackOff backOff) {
			this.backOff = Objects.requireNonNull(backOff, "backOff");
			return this;
		}

		/**
		 * Record the {@code pieces.mcp.*} meters in this registry.
		 * @param meterRegistry the registry, or {@code null} for none
		 * @return this builder
		 */
		public Builder meterRegistry(@Nullable MeterRegistry meterRegistry) {
			this.meterRegistry = meterRegistry;
			return this;
		}

		/**
		 * Build the provider; {@link PiecesMcpToolCallbackProvider#start()} connects it.
		 * @return the provider
		 */
		public PiecesMcpToolCallbackProvider build() {
			return new PiecesMcpToolCallbackProvider(this);
		}

		private static Duration positive(Duration duration, String name) {
			if (duration == null || duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, was " + duration);
			}
			return duration;
		}

	}

}
