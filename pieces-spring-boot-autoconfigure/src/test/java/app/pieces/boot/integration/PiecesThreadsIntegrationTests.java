package app.pieces.boot.integration;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import app.pieces.boot.autoconfigure.PiecesAutoConfiguration;
import app.pieces.boot.autoconfigure.PiecesWebsocketLifecycle;
import app.pieces.boot.autoconfigure.health.PiecesHealthContributorAutoConfiguration;
import app.pieces.boot.autoconfigure.metrics.PiecesMetricsAutoConfiguration;
import app.pieces.boot.health.PiecesHealthIndicator;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.simulator.PiecesOsSimulatorExtension;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.PiecesWebsocketManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that the starter's threads live only as long as the application context, and that a
 * stopped lifecycle can be started again against a running Pieces OS.
 */
class PiecesThreadsIntegrationTests {

	@RegisterExtension
	static final PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(3).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, PiecesAutoConfiguration.class,
				PiecesHealthContributorAutoConfiguration.class, PiecesMetricsAutoConfiguration.class))
		.withBean(EventRecorder.class)
		.withPropertyValues("pieces.base-url=" + pieces.simulator().baseUrl());

	@Test
	void contextWhenClosedShouldLeaveNoThreadOfTheStarterBehind() {
		Set<Thread> before = starterThreads();
		this.contextRunner.run((context) -> {
			PiecesHealthIndicator health = context.getBean(PiecesHealthIndicator.class);
			await().untilAsserted(() -> assertThat(health.health().getStatus()).isEqualTo(Status.UP));
			await().until(() -> context.getBean(AssetsIdentifiersWS.class).cache().isSynced());
			String question = "Which threads does the starter own?";
			assertThat(context.getBean(PiecesCopilot.class).ask(question).text().join())
				.isEqualTo(pieces.simulator().copilot().answerFor(question));
			await().untilAsserted(() -> assertThat(context.getBean(EventRecorder.class).all()).isNotEmpty());
			assertThat(starterThreads()).isNotEmpty();
			// hydrated, asked and published: the starter's own threads come from three pools (besides Tomcat's
			// websocket I/O threads)
			assertThat(pools(names(starterThreads(), before))).filteredOn((pool) -> pool.startsWith("pieces-"))
				.isSubsetOf("pieces-timer", "pieces-worker", "pieces-client-http");
		});
		await().untilAsserted(() -> assertThat(names(starterThreads(), before)).isEmpty());
	}

	@Test
	void lifecycleWhenStoppedAndStartedAgainShouldReconnectEveryStream() {
		this.contextRunner.run((context) -> {
			PiecesWebsocketLifecycle lifecycle = context.getBean(PiecesWebsocketLifecycle.class);
			PiecesHealthIndicator health = context.getBean(PiecesHealthIndicator.class);
			PiecesWebsocketManager manager = context.getBean(PiecesWebsocketManager.class);
			await().untilAsserted(() -> assertThat(health.health().getStatus()).isEqualTo(Status.UP));
			lifecycle.stop();
			assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
			assertThat(manager.sockets()).noneMatch((socket) -> socket.isConnected());
			lifecycle.start();
			await().untilAsserted(() -> assertThat(health.health().getStatus()).isEqualTo(Status.UP));
			await().untilAsserted(() -> assertThat(manager.sockets()).allMatch((socket) -> socket.isConnected()));
		});
	}

	private static List<String> names(Set<Thread> threads, Set<Thread> excluded) {
		return threads.stream().filter((thread) -> !excluded.contains(thread)).map(Thread::getName).toList();
	}

	/** The pool of each thread: its name without the numbers, e.g. {@code pieces-client-2-http-7}. */
	private static Set<String> pools(List<String> names) {
		return names.stream().map((name) -> name.replaceAll("-\\d+", "")).collect(Collectors.toSet());
	}

	private static Set<Thread> starterThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.filter((thread) -> isStarterThread(thread.getName()))
			.collect(Collectors.toSet());
	}

	private static boolean isStarterThread(String name) {
		if (name.startsWith("pieces-sim") || name.startsWith("pieces-os-simulator")) {
			return false;
		}
		return name.startsWith("pieces-") || name.startsWith("WebSocketClient-");
	}

}
