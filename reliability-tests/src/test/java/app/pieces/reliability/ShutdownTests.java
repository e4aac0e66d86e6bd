package app.pieces.reliability;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import app.pieces.boot.event.PiecesWebsocketConnectFailedEvent;
import app.pieces.boot.event.PiecesWebsocketDisconnectedEvent;
import app.pieces.copilot.CopilotAnswer;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.PiecesStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application context at bad moments (while reconnecting, while hydrating, while
 * an answer streams): the context closes promptly, no client thread is left and no exception
 * escapes to an uncaught-exception handler.
 */
class ShutdownTests {

	private static final Duration PROMPTLY = Duration.ofSeconds(15);

	private static PiecesOsSimulator simulator;

	private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();

	private Thread.UncaughtExceptionHandler previousHandler;

	private Set<Thread> threadsBefore;

	private @Nullable ConfigurableApplicationContext context;

	@BeforeAll
	static void startSimulator() {
		simulator = PiecesOsSimulator.builder()
			.assets(2_000)
			.conversations(3)
			.healthInterval(Duration.ZERO)
			.chunkDelay(Duration.ofMillis(100))
			.build()
			.start();
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	@BeforeEach
	void recordThreadsAndUncaughtExceptions() {
		await().atMost(Duration.ofSeconds(20)).until(simulator::isRunning);
		simulator.setRestLatency(Duration.ZERO);
		this.previousHandler = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler((thread, error) -> this.uncaught.add(error));
		this.threadsBefore = Set.copyOf(Threads.clientThreads());
	}

	@AfterEach
	void restoreHandler() {
		if (this.context != null) {
			this.context.close();
		}
		Thread.setDefaultUncaughtExceptionHandler(this.previousHandler);
		simulator.setRestLatency(Duration.ZERO);
	}

	private static final Predicate<String> JDK_HTTP_SELECTOR = (thread) -> thread.startsWith("HttpClient-")
			&& thread.contains("SelectorManager");

	// Each test drives the application in a helper method, so that no local variable of the
	// test keeps the closed context (and with it the JDK HttpClient) reachable.

	@Test
	void contextWhenClosedWhileReconnectingShouldCloseAtOnceAndLeaveNoThread() {
		startAndLoseTheSimulator();
		closePromptly();
		assertNoThreadLeftAndNothingEscaped();
	}

	@Test
	void contextWhenClosedWhileHydratingWithShortReadTimeoutShouldCloseAtOnceAndLeaveNoThread() {
		simulator.setRestLatency(Duration.ofMillis(20));
		startAndHydrateHalfway(Map.of("read-timeout", "2s"));
		closePromptly();
		assertNoThreadLeftAndNothingEscaped();
	}

	@Test
	void contextWhenClosedWhileHydratingShouldCloseAtOnceAndLeaveNoThread() {
		simulator.setRestLatency(Duration.ofMillis(20));
		startAndHydrateHalfway(Map.of());
		closePromptly();
		assertNoThreadLeftAndNothingEscaped();
	}

	@Test
	void contextWhenClosedWhileAnAnswerStreamsShouldEndTheAnswerAndLeaveNoThread() {
		CompletableFuture<String> text = startAndAskALongQuestion();
		closePromptly();
		await().atMost(PROMPTLY).until(text::isDone);
		assertThat(text).isCompletedExceptionally();
		assertNoThreadLeftAndNothingEscaped();
	}

	private void startAndLoseTheSimulator() {
		int oldPort = simulator.port();
		ConfigurableApplicationContext context = start(Map.of("base-url", simulator.baseUrl(),
				"streams.assets.enabled", false, "reconnect.max-interval", "200ms"));
		EventLog events = context.getBean(EventLog.class);
		await().atMost(Duration.ofSeconds(20)).until(() -> events.connects(PiecesStream.HEALTH) > 0);
		// the simulator moves away: the client's fixed base URL now points at a closed port
		simulator.restart(Duration.ofMillis(100), 0);
		await().atMost(Duration.ofSeconds(20)).until(() -> simulator.isRunning() && simulator.port() != oldPort);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> events.of(PiecesWebsocketConnectFailedEvent.class).size() >= 10);
		assertThat(events.of(PiecesWebsocketDisconnectedEvent.class)).isNotEmpty();
	}

	private void startAndHydrateHalfway(Map<String, Object> properties) {
		Map<String, Object> all = new HashMap<>(properties);
		all.put("base-url", simulator.baseUrl());
		ConfigurableApplicationContext context = start(all);
		AssetsIdentifiersWS assets = context.getBean(AssetsIdentifiersWS.class);
		await().atMost(Duration.ofSeconds(20)).until(() -> assets.cache().size() > 50);
		assertThat(assets.cache().isSynced()).isFalse();
	}

	private CompletableFuture<String> startAndAskALongQuestion() {
		ConfigurableApplicationContext context = start(
				Map.of("base-url", simulator.baseUrl(), "streams.assets.enabled", false));
		PiecesCopilot copilot = context.getBean(PiecesCopilot.class);
		// the simulator echoes the question: hundreds of chunks, so the answer still streams when the close comes,
		// however slowly the machine gets there
		String question = "Explain, at length and in many small chunks, how the reconnect backoff works: "
				+ "retry with jitter and backoff, ".repeat(100);
		assertThat(simulator.copilot().chunksFor(question)).hasSizeGreaterThan(100);
		CopilotAnswer answer = copilot.ask(question);
		await().atMost(Duration.ofSeconds(20)).until(() -> !answer.textSoFar().isEmpty());
		assertThat(answer.isDone()).isFalse();
		return answer.text();
	}

	private ConfigurableApplicationContext start(Map<String, Object> properties) {
		this.context = ReliabilityApplication.run(properties);
		return this.context;
	}

	private void closePromptly() {
		ConfigurableApplicationContext context = this.context;
		this.context = null;
		CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
		await().atMost(PROMPTLY).until(closed::isDone);
		assertThat(closed).isCompleted();
		assertThat(context.isActive()).isFalse();
	}

	private void assertNoThreadLeftAndNothingEscaped() {
		// Every thread of ours (pieces-*, Tomcat's websocket client) must be gone. Java 17's HttpClient cannot be
		// shut down: its selector thread (a JDK daemon, not ours) ends only once the client is collected and an
		// exchange cut short by the shutdown has reached its own timeout, which a test cannot wait for reliably.
		await().atMost(PROMPTLY).untilAsserted(() -> {
			System.gc();
			assertThat(Threads.clientThreadsExcept(this.threadsBefore)).as("client threads started by this test")
				.filteredOn((thread) -> !JDK_HTTP_SELECTOR.test(thread))
				.isEmpty();
		});
		assertThat(this.uncaught).as(() -> this.uncaught.stream().map(Throwable::toString)
			.collect(Collectors.joining(", "))).isEmpty();
	}

}
