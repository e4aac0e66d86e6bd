package app.pieces.ai.mcp;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import app.pieces.ai.mcp.PiecesMcpToolCallbackProvider.State;
import app.pieces.ai.mcp.PiecesMcpToolCallbackProvider.Status;
import app.pieces.ai.mcp.PiecesMcpToolCallbackProvider.Transport;
import app.pieces.client.PiecesUnavailableException;
import app.pieces.websocket.ClientEvent;
import app.pieces.websocket.ClientEventListener;
import app.pieces.websocket.HealthWS;
import app.pieces.websocket.PiecesWebsocketManager;

/**
 * The MCP session with Pieces OS, driven by the health stream: its {@code Connected} (Pieces OS is there, maybe
 * on a new port or freshly restarted) opens a new session at the client's current base URL and lists the tools;
 * its {@code Disconnected} ends the session, so that calls fail at once instead of waiting on a dead server. A
 * session that cannot be opened while Pieces OS is up is retried with an exponential backoff. All transitions run
 * one at a time on a serial executor of the manager's workers; an epoch tells a stale retry from a current one.
 */
final class McpLink implements ClientEventListener {

	static final String STREAMABLE_PATH = "/model_context_protocol/2025-03-26/mcp";

	static final String SSE_PATH = "/model_context_protocol/2024-11-05/sse";

	private static final Log logger = LogFactory.getLog(PiecesMcpToolCallbackProvider.class);

	private final PiecesWebsocketManager manager;

	private final Settings settings;

	private final Executor serial;

	private final McpMeters meters;

	private final Consumer<List<Tool>> toolsListener;

	private final AtomicLong epoch = new AtomicLong();

	private final HttpClients http = new HttpClients();

	private volatile State state = State.DISCONNECTED;

	private volatile @Nullable Session session;

	private volatile @Nullable String problem = "Pieces OS has not been reached yet";

	private volatile long connects;

	private @Nullable BackOffExecution backOff;

	McpLink(PiecesWebsocketManager manager, Settings settings, McpMeters meters, Consumer<List<Tool>> toolsListener) {
		this.manager = manager;
		this.settings = settings;
		this.serial = manager.serialExecutor("mcp");
		this.meters = meters;
		this.toolsListener = toolsListener;
	}

	/**
	 * Start following the health stream; connect now if it is already up (or if there is no health stream).
	 */
	void start() {
		this.manager.addEventListener(this);
		if (piecesOsUp()) {
			reconnect();
		}
	}

	@Override
	public void onEvent(ClientEvent event) {
		if (!(event.socket() instanceof HealthWS)) {
			return;
		}
		if (event instanceof ClientEvent.Connected) {
			reconnect();
		}
		else if (event instanceof ClientEvent.Disconnected disconnected) {
			disconnect("Pieces OS is not reachable (its health stream closed: " + disconnected.reason() + ")");
		}
		else if (event instanceof ClientEvent.ReconnectExhausted) {
			disconnect("Pieces OS is not reachable (the health stream gave up reconnecting)");
		}
	}

	/** Whether the health stream says Pieces OS is there; without a health stream, assume so and try. */
	private boolean piecesOsUp() {
		return this.manager.socket(HealthWS.class).map(HealthWS::isConnected).orElse(true);
	}

	/** Open a new session (the old one, if any, is closed first). */
	void reconnect() {
		long current = this.epoch.incrementAndGet();
		submit(() -> {
			this.backOff = this.settings.backOff().start();
			connect(current);
		});
	}

	private void disconnect(String why) {
		long current = this.epoch.incrementAndGet();
		submit(() -> {
			if (current == this.epoch.get()) {
				transition(State.DISCONNECTED, null, why);
			}
		});
	}

	void close() {
		this.epoch.incrementAndGet();
		this.manager.removeEventListener(this);
		Runnable closing = () -> {
			transition(State.CLOSED, null, "closed");
			this.http.shutdown();
		};
		if (!submit(closing)) {
			// the manager closed first: nothing else runs on its workers any more
			closing.run();
		}
	}

	/** Run a step on the serial executor; {@code false} once the manager's workers are gone. */
	private boolean submit(Runnable step) {
		try {
			this.serial.execute(step);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	/**
	 * The one place the state changes: the old session is closed whenever another one (or none) takes its place.
	 */
	private void transition(State next, @Nullable Session opened, @Nullable String why) {
		Session previous = this.session;
		if (previous != null && previous != opened) {
			closeQuietly(previous);
		}
		if (this.state == State.CLOSED && next != State.CLOSED) {
			if (opened != null) {
				closeQuietly(opened);
			}
			return;
		}
		State before = this.state;
		this.session = opened;
		this.state = next;
		this.problem = why;
		this.meters.connected(next == State.CONNECTED);
		if (next == State.CONNECTED && opened != null) {
			this.connects++;
			this.toolsListener.accept(opened.tools());
			logger.info("Pieces MCP connected at " + opened.url() + " (" + opened.transport().label() + ", tools "
					+ opened.tools().stream().map(Tool::name).toList() + ")");
		}
		else if (before == State.CONNECTED && next == State.CLOSED) {
			logger.debug("Pieces MCP session closed");
		}
		else if (before == State.CONNECTED && next != State.CONNECTED) {
			logger.info("Pieces MCP disconnected: " + why + "; it reconnects when Pieces OS is back");
		}
	}

	private void connect(long current) {
		if (current != this.epoch.get() || this.state == State.CLOSED) {
			return;
		}
		transition(State.CONNECTING, null, "connecting");
		Session opened;
		try {
			URI base = this.manager.client().baseUri().orElseGet(() -> this.manager.client().discover());
			opened = open(base);
			this.meters.connect(opened.transport(), true);
		}
		catch (RuntimeException ex) {
			this.meters.connect(this.settings.transport(), false);
			String why = "Pieces OS's MCP server did not answer: " + describe(ex);
			transition(State.DISCONNECTED, null, why);
			scheduleRetry(current, why);
			return;
		}
		if (current != this.epoch.get()) {
			closeQuietly(opened);
			return;
		}
		transition(State.CONNECTED, opened, null);
	}

	private void scheduleRetry(long current, String why) {
		BackOffExecution execution = this.backOff;
		long delay = (execution != null) ? execution.nextBackOff() : BackOffExecution.STOP;
		if (delay == BackOffExecution.STOP) {
			return;
		}
		logger.debug(why + "; trying again in " + delay + " ms");
		try {
			this.manager.schedule(() -> submit(() -> connect(current)), Duration.ofMillis(delay));
		}
		catch (RejectedExecutionException ex) {
			// the manager is closing
		}
	}

	private Session open(URI base) {
		Transport first = this.settings.transport();
		try {
			return open(base, first);
		}
		catch (RuntimeException ex) {
			if (first != Transport.STREAMABLE_HTTP || !this.settings.fallbackToSse()) {
				throw ex;
			}
			Session sse = open(base, Transport.SSE);
			logger.info("Pieces OS's streamable HTTP MCP endpoint failed (" + describe(ex) + "); using SSE at "
					+ sse.url());
			return sse;
		}
	}

	private Session open(URI base, Transport transport) {
		McpSyncClient client = McpClient.sync(transport(base, transport, this.http, this.settings.initializationTimeout()))
			.clientInfo(new McpSchema.Implementation("pieces-spring-ai", "0.1.0"))
			.requestTimeout(this.settings.requestTimeout())
			.initializationTimeout(this.settings.initializationTimeout())
			.toolsChangeConsumer(this::toolsChanged)
			.build();
		Session session = new Session(client, transport, base + path(transport), List.of());
		try {
			client.initialize();
			return session.withTools(listTools(client));
		}
		catch (RuntimeException ex) {
			closeQuietly(session);
			throw ex;
		}
	}

	private static McpClientTransport transport(URI base, Transport transport, HttpClients http,
			Duration connectTimeout) {
		return switch (transport) {
			case STREAMABLE_HTTP -> HttpClientStreamableHttpTransport.builder(base.toString())
				.endpoint(STREAMABLE_PATH)
				.clientBuilder(http.builder())
				.connectTimeout(connectTimeout)
				.build();
			case SSE -> HttpClientSseClientTransport.builder(base.toString())
				.sseEndpoint(SSE_PATH)
				.clientBuilder(http.builder())
				.connectTimeout(connectTimeout)
				.build();
		};
	}

	private static String path(Transport transport) {
		return (transport == Transport.SSE) ? SSE_PATH : STREAMABLE_PATH;
	}

	private static List<Tool> listTools(McpSyncClient client) {
		List<Tool> tools = new ArrayList<>();
		McpSchema.ListToolsResult page = client.listTools();
		tools.addAll(page.tools());
		while (page.nextCursor() != null) {
			page = client.listTools(page.nextCursor());
			tools.addAll(page.tools());
		}
		return List.copyOf(tools);
	}

	private void toolsChanged(List<Tool> tools) {
		submit(() -> {
			Session current = this.session;
			if (current != null && this.state == State.CONNECTED) {
				this.session = current.withTools(List.copyOf(tools));
				this.toolsListener.accept(this.session.tools());
			}
		});
	}

	/**
	 * Call a tool on the current session.
	 * @param tool the tool name
	 * @param arguments the arguments
	 * @return the result (possibly an error result)
	 * @throws PiecesUnavailableException at once while there is no session, or when Pieces OS does not answer
	 * within the request timeout or the connection breaks
	 * @throws McpError if Pieces OS refuses the call as a protocol error
	 */
	CallToolResult call(String tool, Map<String, Object> arguments) {
		Session current = this.session;
		if (current == null || this.state != State.CONNECTED) {
			throw new PiecesUnavailableException("Pieces' MCP tool '" + tool + "' cannot be called now: "
					+ ((this.problem != null) ? this.problem : "not connected")
					+ ". The link comes back by itself when Pieces OS does.");
		}
		try {
			return current.client().callTool(new McpSchema.CallToolRequest(tool, arguments));
		}
		catch (McpError ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (hasCause(ex, TimeoutException.class)) {
				throw new PiecesUnavailableException("Pieces OS did not answer the MCP tool '" + tool + "' within "
						+ this.settings.requestTimeout().toMillis() + " ms (pieces.ai.mcp.request-timeout)", ex);
			}
			// the session broke under a live Pieces OS (its MCP server restarted by itself): open a new one
			if (this.session == current && piecesOsUp()) {
				reconnect();
			}
			throw new PiecesUnavailableException(
					"The MCP call '" + tool + "' to Pieces OS failed: " + describe(ex) + "; reconnecting", ex);
		}
	}

	Status status() {
		Session current = this.session;
		return new Status(this.state, (current != null) ? current.transport() : null,
				(current != null) ? current.url() : null,
				(current != null) ? current.tools().stream().map(Tool::name).toList() : List.of(), this.problem,
				this.connects);
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static String describe(Throwable ex) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return (message.length() > 200) ? message.substring(0, 200) + "..." : message;
	}

	private static void closeQuietly(Session session) {
		try {
			session.client().close();
		}
		catch (RuntimeException ex) {
			logger.debug("Closing an MCP session failed: " + ex);
		}
	}

	/**
	 * How the link connects.
	 *
	 * @param transport the transport tried first
	 * @param fallbackToSse whether SSE is tried when streamable HTTP fails
	 * @param requestTimeout the bound on each request, a tool call included
	 * @param initializationTimeout the bound on opening a session
	 * @param backOff the retries while Pieces OS is up but its MCP server does not answer
	 */
	record Settings(Transport transport, boolean fallbackToSse, Duration requestTimeout,
			Duration initializationTimeout, ExponentialBackOff backOff) {
	}

	private record Session(McpSyncClient client, Transport transport, String url, List<Tool> tools) {

		Session withTools(List<Tool> listed) {
			return new Session(this.client, this.transport, this.url, listed);
		}

	}

}
