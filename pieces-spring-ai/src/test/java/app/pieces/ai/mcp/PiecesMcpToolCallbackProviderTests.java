package app.pieces.ai.mcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.execution.ToolExecutionException;

import app.pieces.ai.mcp.PiecesMcpToolCallbackProvider.State;
import app.pieces.ai.mcp.PiecesMcpToolCallbackProvider.Transport;
import app.pieces.client.PiecesClient;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.ReconnectSettings;
import app.pieces.websocket.WebsocketListener;
import app.pieces.websocket.WebsocketSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link PiecesMcpToolCallbackProvider} against the simulator's MCP server: tools listed and called over either
 * transport, the fallback to SSE, failures as {@link ToolExecutionException}s that say what happened, and a session
 * that follows Pieces OS through a restart on another port without any call from the application.
 */
class PiecesMcpToolCallbackProviderTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String ASK = """
			{"question": "What did I do about jitter in the retry helper?", "chat_llm": "gpt-4o"}""";

	private PiecesOsSimulator simulator;

	private PiecesClient client;

	private PiecesWebsocketManager manager;

	private PiecesMcpToolCallbackProvider tools;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@AfterEach
	void close() {
		if (this.tools != null) {
			this.tools.close();
		}
		this.manager.close();
		this.client.close();
		this.simulator.close();
	}

	private void start(PiecesClient client, UnaryOperator<PiecesMcpToolCallbackProvider.Builder> settings) {
		this.client = client;
		this.manager = new PiecesWebsocketManager(client, WebsocketSettings.defaults()
			.withReconnect(ReconnectSettings.defaults().withIntervals(Duration.ofMillis(50), Duration.ofMillis(500))));
		this.manager.health(new WebsocketListener<>() {
		});
		this.tools = settings.apply(PiecesMcpToolCallbackProvider.builder(this.manager).meterRegistry(this.meters))
			.build();
		this.tools.start();
		this.manager.startAll();
	}

	private void startFixed(UnaryOperator<PiecesMcpToolCallbackProvider.Builder> settings) {
		this.simulator = PiecesOsSimulator.builder().assets(3).start();
		start(PiecesClient.builder().baseUrl(this.simulator.baseUrl()).build(), settings);
	}

	private ToolCallback tool(String name) {
		return this.tools.tool(name).orElseThrow();
	}

	@Test
	void toolsShouldBeListedAndCalledOverStreamableHttp() {
		startFixed(UnaryOperator.identity());
		await().atMost(WAIT).until(this.tools::isConnected);
		assertThat(this.tools.status().transport()).isEqualTo(Transport.STREAMABLE_HTTP);
		assertThat(this.tools.status().url()).isEqualTo(this.simulator.baseUrl() + McpLink.STREAMABLE_PATH);
		assertThat(this.tools.availableTools()).extracting(ToolDefinition::name)
			.containsExactly("ask_pieces_ltm", "create_pieces_memory");
		assertThat(this.tools.getToolCallbacks()).hasSize(2);
		assertThat(tool("ask_pieces_ltm").getToolDefinition().inputSchema()).contains("\"chat_llm\"");
		assertThat(tool("ask_pieces_ltm").call(ASK)).contains("Retry helper: backoff with jitter");
		assertThat(this.meters.get("pieces.mcp.calls").tag("tool", "ask_pieces_ltm").tag("outcome", "success").timer()
			.count()).isEqualTo(1);
		assertThat(this.meters.get("pieces.mcp.connected").gauge().value()).isEqualTo(1);
		assertThat(this.meters.get("pieces.mcp.tools").gauge().value()).isEqualTo(2);
	}

	@Test
	void sseShouldWorkWhenChosenAndBeTheFallbackWhenStreamableHttpIsRefused() {
		this.simulator = PiecesOsSimulator.builder().assets(3).start();
		this.simulator.mcp().offerStreamable(false);
		start(PiecesClient.builder().baseUrl(this.simulator.baseUrl()).build(), UnaryOperator.identity());
		await().atMost(WAIT).until(this.tools::isConnected);
		assertThat(this.tools.status().transport()).isEqualTo(Transport.SSE);
		assertThat(this.tools.status().url()).isEqualTo(this.simulator.baseUrl() + McpLink.SSE_PATH);
		String created = tool("create_pieces_memory")
			.call("{\"summary_description\": \"Chose SSE\", \"summary\": \"Because streamable HTTP was refused\"}");
		assertThat(created).contains("Chose SSE");
		assertThat(this.meters.get("pieces.mcp.connects").tag("transport", "sse").tag("outcome", "success")
			.counter().count()).isEqualTo(1);
	}

	@Test
	void toolFailuresShouldBeToolExecutionExceptionsThatSayWhatHappened() throws Exception {
		startFixed((builder) -> builder.requestTimeout(Duration.ofSeconds(1)));
		await().atMost(WAIT).until(this.tools::isConnected);
		this.simulator.mcp().failNext("ask_pieces_ltm", "Pieces LTM is warming up");
		assertThatExceptionOfType(ToolExecutionException.class).isThrownBy(() -> tool("ask_pieces_ltm").call(ASK))
			.withMessageContaining("Pieces LTM is warming up");
		assertThatExceptionOfType(ToolExecutionException.class)
			.isThrownBy(() -> tool("ask_pieces_ltm").call("[\"not\", \"an object\"]"))
			.withMessageContaining("must be a JSON object");
		this.simulator.mcp().hang(true);
		CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> tool("ask_pieces_ltm").call(ASK));
		assertThat(held).failsWithin(WAIT)
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.havingCause()
			.isInstanceOf(ToolExecutionException.class)
			.withMessageContaining("did not answer")
			.withMessageContaining("pieces.ai.mcp.request-timeout");
		this.simulator.mcp().hang(false);
		assertThat(this.tools.isConnected()).as("a slow answer does not end the session").isTrue();
		assertThat(tool("ask_pieces_ltm").call(ASK)).contains("Retry helper");
		assertThat(this.meters.get("pieces.mcp.calls").tag("outcome", "error").timer().count()).isEqualTo(1);
		assertThat(this.meters.get("pieces.mcp.calls").tag("outcome", "unavailable").timer().count()).isEqualTo(1);
	}

	@Test
	void sessionShouldFollowPiecesOsToAnotherPortAndCallsShouldFailFastMeanwhile() throws Exception {
		int first = freeBlock(3);
		this.simulator = PiecesOsSimulator.builder().port(first).assets(3).comeBackTimeout(Duration.ofSeconds(20)).start();
		start(PiecesClient.builder().portRange(first, first + 2).portFiles(List.of()).legacyPorts(false).build(),
				UnaryOperator.identity());
		await().atMost(WAIT).until(this.tools::isConnected);
		ToolCallback ask = tool("ask_pieces_ltm");
		long sessions = this.tools.status().sessionsOpened();

		// down until the outage has been checked, then back at once on the other port
		this.simulator.restart(Duration.ofMinutes(5), first + 2);
		await().atMost(WAIT).until(() -> this.tools.status().state() != State.CONNECTED);
		// while Pieces OS is away: a clear failure at once, never a hang
		CompletableFuture<String> meanwhile = CompletableFuture.supplyAsync(() -> ask.call(ASK));
		assertThat(meanwhile).failsWithin(WAIT)
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.havingCause()
			.isInstanceOf(ToolExecutionException.class)
			.withMessageContaining("cannot be called now");
		assertThat(this.tools.availableTools()).isEmpty();
		assertThat(this.tools.getToolCallbacks()).as("still offered to a model, failing fast").hasSize(2);
		this.simulator.restart(Duration.ZERO, first + 2);

		// back on another port: found by discovery, the session reopens without any call from the application
		await().atMost(WAIT).until(this.tools::isConnected);
		assertThat(this.tools.status().url()).startsWith("http://127.0.0.1:" + (first + 2));
		assertThat(this.tools.status().sessionsOpened()).isGreaterThan(sessions);
		assertThat(ask.call(ASK)).as("the callback handed out before the move").contains("Retry helper");
	}

	@Test
	void reconnectsShouldShareOneHttpClientInsteadOfLeavingThreadsBehind() {
		startFixed(UnaryOperator.identity());
		await().atMost(WAIT).until(this.tools::isConnected);
		Set<Thread> selectors = httpSelectorThreads();
		for (int session = 2; session <= 4; session++) {
			long opened = session;
			this.tools.reconnect();
			await().atMost(WAIT).until(() -> this.tools.status().sessionsOpened() == opened && this.tools.isConnected());
		}
		assertThat(tool("ask_pieces_ltm").call(ASK)).contains("Retry helper");
		// compared as threads, not counted: a client of an earlier test may end its selector meanwhile
		assertThat(httpSelectorThreads()).as("one HTTP client for every session of the link").isSubsetOf(selectors);
	}

	private static Set<Thread> httpSelectorThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().endsWith("-SelectorManager"))
			.collect(Collectors.toSet());
	}

	@Test
	void closingAfterTheManagerShouldStillEndTheSession() {
		startFixed(UnaryOperator.identity());
		await().atMost(WAIT).until(this.tools::isConnected);
		this.manager.close();
		this.tools.close();
		await().atMost(WAIT).until(() -> this.tools.status().state() == State.CLOSED);
		assertThatExceptionOfType(ToolExecutionException.class).isThrownBy(() -> tool("ask_pieces_ltm").call(ASK))
			.withMessageContaining("cannot be called now");
	}

	@Test
	void providerShouldStartWithoutPiecesOsAndConnectWhenItComes() {
		int first = freeBlock(2);
		this.simulator = PiecesOsSimulator.builder().port(first).assets(1).build();
		start(PiecesClient.builder().portRange(first, first + 1).portFiles(List.of()).legacyPorts(false).build(),
				UnaryOperator.identity());
		assertThat(this.tools.isConnected()).isFalse();
		assertThat(this.tools.getToolCallbacks()).extracting((callback) -> callback.getToolDefinition().name())
			.as("Pieces' published tools before Pieces OS answers")
			.containsExactly("ask_pieces_ltm", "create_pieces_memory");
		this.simulator.start();
		await().atMost(WAIT).until(this.tools::isConnected);
		assertThat(tool("ask_pieces_ltm").call(ASK)).contains("Retry helper");
	}

	private static int freeBlock(int size) {
		for (int attempt = 0; attempt < 200; attempt++) {
			int first = 20000 + ThreadLocalRandom.current().nextInt(12000);
			boolean free = true;
			for (int port = first; port < first + size && free; port++) {
				try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
					free = true;
				}
				catch (IOException ex) {
					free = false;
				}
			}
			if (free) {
				return first;
			}
		}
		throw new IllegalStateException("No block of " + size + " free ports");
	}

}
