package app.pieces.boot.integration;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import app.pieces.boot.autoconfigure.PiecesWebsocketLifecycle;
import app.pieces.boot.event.PiecesEvent;
import app.pieces.boot.event.PiecesWebsocketConnectFailedEvent;
import app.pieces.boot.event.PiecesWebsocketConnectedEvent;
import app.pieces.boot.event.PiecesWebsocketDisconnectedEvent;
import app.pieces.boot.health.PiecesHealthIndicator;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.PiecesStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for an application that starts while Pieces OS is not running, and keeps working
 * while Pieces OS appears, restarts and is replaced. Discovery is limited to one port so the
 * application finds the simulator by itself once it listens there.
 */
@SpringBootTest(classes = PiecesOsComesAndGoesIntegrationTests.TestApplication.class)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PiecesOsComesAndGoesIntegrationTests {

	private static final int PORT = freePort();

	private static @Nullable PiecesOsSimulator simulator;

	@DynamicPropertySource
	static void piecesProperties(DynamicPropertyRegistry registry) {
		registry.add("pieces.discovery.first-port", () -> PORT);
		registry.add("pieces.discovery.last-port", () -> PORT);
		registry.add("pieces.discovery.port-files-enabled", () -> false);
		registry.add("pieces.discovery.legacy-ports", () -> false);
		registry.add("pieces.reconnect.initial-interval", () -> "50ms");
		registry.add("pieces.reconnect.max-interval", () -> "300ms");
		registry.add("pieces.streams.summaries.enabled", () -> true);
	}

	/**
	 * Closes the simulator when JUnit closes this class's extension context, after every
	 * {@code afterAll} callback: only then has Spring closed the application context (an
	 * {@code @AfterAll} method would run first, and the application would lose Pieces OS and
	 * start reconnecting while it shuts down).
	 */
	@RegisterExtension
	static final AfterAllCallback closeSimulatorAfterTheApplication = (context) -> context
		.getStore(ExtensionContext.Namespace.create(PiecesOsComesAndGoesIntegrationTests.class))
		.put("simulator", (AutoCloseable) () -> {
			if (simulator != null) {
				simulator.close();
			}
		});

	@Autowired
	private EventRecorder recorder;

	@Autowired
	private PiecesHealthIndicator healthIndicator;

	@Autowired
	private PiecesWebsocketLifecycle lifecycle;

	@Autowired
	private AssetsIdentifiersWS assets;

	@Test
	@Order(1)
	void applicationWhenNoPiecesOsShouldStartAndReportDown() {
		assertThat(this.lifecycle.isRunning()).isTrue();
		await().untilAsserted(() -> {
			Health health = this.healthIndicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("reason").toString()).startsWith("Pieces OS unreachable");
		});
		await().untilAsserted(() -> assertThat(
				this.recorder.of(PiecesWebsocketConnectFailedEvent.class, PiecesStream.HEALTH))
			.isNotEmpty());
		assertThat(this.recorder.of(PiecesWebsocketConnectedEvent.class)).isEmpty();
	}

	@Test
	@Order(2)
	void applicationWhenPiecesOsAppearsShouldConnectAndTurnUpByItself() {
		simulator = PiecesOsSimulator.builder().port(PORT).assets(3).conversations(1).build().start();
		await().untilAsserted(() -> assertThat(this.healthIndicator.health().getStatus()).isEqualTo(Status.UP));
		await().untilAsserted(() -> assertThat(this.recorder.of(PiecesWebsocketConnectedEvent.class))
			.extracting(PiecesEvent::getStream)
			.contains(PiecesStream.values()));
		await().untilAsserted(
				() -> assertThat(this.assets.cache().ids()).containsExactlyInAnyOrderElementsOf(running().state().assets()));
	}

	@Test
	@Order(3)
	void applicationWhenPiecesOsRestartsShouldPublishDisconnectedThenConnected() {
		await().untilAsserted(() -> assertThat(this.healthIndicator.health().getStatus()).isEqualTo(Status.UP));
		this.recorder.clear();
		running().restart(Duration.ofMillis(200));
		await().untilAsserted(() -> {
			List<PiecesEvent> health = this.recorder.all()
				.stream()
				.filter((event) -> event.getStream() == PiecesStream.HEALTH)
				.filter((event) -> event instanceof PiecesWebsocketDisconnectedEvent
						|| event instanceof PiecesWebsocketConnectedEvent)
				.toList();
			assertThat(health).hasSizeGreaterThanOrEqualTo(2);
			assertThat(health.get(0)).isInstanceOf(PiecesWebsocketDisconnectedEvent.class);
			assertThat(health.get(health.size() - 1)).isInstanceOf(PiecesWebsocketConnectedEvent.class);
		});
		PiecesWebsocketDisconnectedEvent disconnected = this.recorder
			.of(PiecesWebsocketDisconnectedEvent.class, PiecesStream.HEALTH)
			.get(0);
		assertThat(disconnected.getReason()).isNotBlank();
		await().untilAsserted(() -> assertThat(this.healthIndicator.health().getStatus()).isEqualTo(Status.UP));
	}

	@Test
	@Order(4)
	void applicationWhenPiecesOsIsReplacedShouldGoDownThenUpAndResynchronise() {
		PiecesOsSimulator previous = running();
		List<String> previousAssets = previous.state().assets();
		previous.close();
		await().untilAsserted(() -> assertThat(this.healthIndicator.health().getStatus()).isEqualTo(Status.DOWN));
		assertThat(this.healthIndicator.health().getDetails().get("reason").toString())
			.startsWith("Pieces OS unreachable");
		simulator = PiecesOsSimulator.builder().port(PORT).assets(2).build().start();
		await().untilAsserted(() -> assertThat(this.healthIndicator.health().getStatus()).isEqualTo(Status.UP));
		await().untilAsserted(
				() -> assertThat(this.assets.cache().ids()).containsExactlyInAnyOrderElementsOf(running().state().assets()));
		List<String> gone = previousAssets.stream()
			.filter((id) -> !running().state().assets().contains(id))
			.toList();
		assertThat(gone).isNotEmpty();
		assertThat(gone).allSatisfy((id) -> assertThat(this.assets.cache().get(id)).isEmpty());
	}

	private static PiecesOsSimulator running() {
		PiecesOsSimulator running = simulator;
		assertThat(running).as("simulator").isNotNull();
		return running;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		EventRecorder eventRecorder() {
			return new EventRecorder();
		}

	}

}
