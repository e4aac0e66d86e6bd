package app.pieces.simulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Starting, closing and the command line: no threads left behind, one line printed.
 */
class LifecycleTests {

	private static Set<String> simulatorThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("pieces-sim-") || name.startsWith("http-nio-127.0.0.1")
					|| name.startsWith("Catalina-utility"))
			.collect(Collectors.toSet());
	}

	@Test
	void closeShouldStopTheServerAndEveryThread() {
		await().until(() -> simulatorThreads().isEmpty());
		PiecesOsSimulator simulator = PiecesOsSimulator.builder().chunkDelay(java.time.Duration.ZERO).build().start();
		String baseUrl = simulator.baseUrl();
		try (WsProbe health = WsProbe.connect(simulator.webSocketUrl(), "/.well-known/stream/health");
				WsProbe qgpt = WsProbe.connect(simulator.webSocketUrl(), "/qgpt/stream")) {
			health.awaitMessage(0);
			qgpt.send("{\"relevance\":{\"query\":\"hello\"}}");
			qgpt.awaitMessage(0);
			assertThat(simulatorThreads()).isNotEmpty();
			simulator.close();
			health.awaitClosed();
		}
		assertThat(Http.healthy(baseUrl)).isFalse();
		assertThat(simulator.isRunning()).isFalse();
		await().until(() -> simulatorThreads().isEmpty());
		simulator.close();
		assertThatIllegalStateException().isThrownBy(simulator::start);
	}

	@Test
	void healthStreamShouldRepeatOkAtTheConfiguredInterval() {
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder()
			.healthInterval(java.time.Duration.ofMillis(20))
			.start(); WsProbe health = WsProbe.connect(simulator.webSocketUrl(), "/.well-known/stream/health")) {
			health.awaitMessage(3);
			assertThat(health.messages).allSatisfy((frame) -> assertThat(frame).isEqualTo("OK"));
		}
	}

	@Test
	void startOnATakenPortShouldFailClearly() {
		try (PiecesOsSimulator first = PiecesOsSimulator.builder().start()) {
			PiecesOsSimulator second = PiecesOsSimulator.builder().port(first.port()).build();
			try {
				assertThatIllegalStateException().isThrownBy(second::start)
					.withMessageContaining(String.valueOf(first.port()));
			}
			finally {
				second.close();
			}
		}
	}

	@Test
	void mainLaunchShouldPrintExactlyOneLineWithTheAddress() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		PiecesOsSimulator simulator = PiecesOsSimulatorMain.launch(
				new String[] { "--port=0", "--assets=200", "--conversations=5", "--latency=PT0S" },
				new PrintStream(buffer, true, StandardCharsets.UTF_8));
		try {
			assertThat(simulator).isNotNull();
			assertThat(buffer.toString(StandardCharsets.UTF_8))
				.isEqualTo("Pieces OS simulator listening on http://127.0.0.1:" + simulator.port() + System.lineSeparator());
			assertThat(simulator.state().assets()).hasSize(200);
			assertThat(simulator.state().conversations()).hasSize(5);
		}
		finally {
			simulator.close();
		}
	}

	@Test
	void mainLaunchShouldRejectUnknownOrMalformedOptions() {
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		assertThatIllegalArgumentException().isThrownBy(() -> PiecesOsSimulatorMain.launch(new String[] { "--nope=1" }, out))
			.withMessageContaining("--nope");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PiecesOsSimulatorMain.launch(new String[] { "--latency=fast" }, out))
			.withMessageContaining("ISO-8601");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PiecesOsSimulatorMain.launch(new String[] { "--port=70000" }, out));
	}

	@Test
	void stateToStringShouldNotRevealPersonalData() {
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder().build()) {
			assertThat(simulator.state().user()).containsEntry("email", "ada@example.com");
			assertThat(simulator.state().toString()).doesNotContain("ada@example.com").contains("signedIn=true");
		}
	}

}
