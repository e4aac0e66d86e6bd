package app.pieces.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.client.PiecesClient;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static app.pieces.websocket.TestSupport.copy;
import static app.pieces.websocket.TestSupport.recorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lifecycle of the manager: threads, restart after close, reconnect on request.
 */
class PiecesWebsocketManagerTests {

	/**
	 * Threads that belong to the simulator (server side) or to the REST client, not to the
	 * websocket manager.
	 */
	private static final List<String> OTHER_OWNERS = List.of("http-nio-", "pieces-sim-", "pieces-client-",
			"HttpClient-", "Catalina-", "awaitility",
			// the JDK's JVM-wide timer of CompletableFuture.orTimeout (used by the JDK HttpClient), never stops
			"CompletableFutureDelayScheduler");

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(8).conversations(3).build();

	private PiecesClient client;

	private PiecesWebsocketManager manager;

	@BeforeEach
	void createManager() {
		this.client = TestSupport.client(simulator());
		this.manager = new PiecesWebsocketManager(this.client, TestSupport.fastSettings());
	}

	@AfterEach
	void closeManager() {
		this.manager.closeAll();
		this.client.close();
	}

	@Test
	void closeAllShouldLeaveNoThreadBehindAndManagerShouldStartAgain() throws Exception {
		// the simulator may still be finishing a restart from another test of this class
		await().until(this.client::isHealthy);
		Set<Thread> baseline = Thread.getAllStackTraces().keySet();
		assertThat(this.manager.sockets()).isEmpty();
		AssetsIdentifiersWS assets = this.manager.assets(new AssetsListener() {
		});
		this.manager.health(new WebsocketListener<>() {
		});
		this.manager.user(new WebsocketListener<>() {
		});
		this.manager.conversations(new ConversationsListener() {
		});
		this.manager.ask(new WebsocketListener<>() {
		});
		this.manager.startAll();
		awaitAllConnected();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertThat(newThreads(baseline)).isNotEmpty().anyMatch((name) -> name.startsWith("pieces-ws-"));

		this.manager.closeAll();
		assertThat(this.manager.sockets()).allMatch((socket) -> socket.state() == ConnectionState.CLOSED);
		await().untilAsserted(() -> assertThat(newThreads(baseline)).isEmpty());
		await().until(() -> simulator().openSessions("health") == 0 && simulator().openSessions("assets") == 0);

		String deleted = simulator().state().assets().get(0);
		simulator().deleteAsset(deleted, true);
		this.manager.startAll();
		awaitAllConnected();
		await().until(() -> assets.cache().isSynced() && !assets.cache().ids().contains(deleted));
		assertThat(assets.cache().ids()).containsExactlyInAnyOrderElementsOf(simulator().state().assets());
		this.manager.closeAll();
		await().untilAsserted(() -> assertThat(newThreads(baseline)).isEmpty());
	}

	@Test
	void closeAllShouldBeIdempotentAndWorkBeforeAnyStart() {
		this.manager.health(new WebsocketListener<>() {
		});
		this.manager.closeAll();
		this.manager.closeAll();
		this.manager.close();
		assertThat(this.manager.isRunning()).isFalse();
	}

	@Test
	void reconnectAllShouldCloseAndReopenEverySocket() {
		List<String> events = recorder();
		HealthWS health = this.manager.health(WebsocketListener.of(null, () -> events.add("open"), null,
				(status) -> events.add("close")));
		ConversationWS conversations = this.manager.conversations(new ConversationsListener() {
		});
		this.manager.startAll();
		awaitAllConnected();
		this.manager.reconnectAll();
		await().until(() -> copy(events).equals(List.of("open", "close", "open")));
		awaitAllConnected();
		await().until(() -> simulator().openSessions("health") == 1 && simulator().openSessions("conversations") == 1);
		assertThat(health.reconnectAttempts()).isZero();
		await().until(() -> conversations.cache().isSynced());
	}

	@Test
	void socketsShouldBeRegisteredAndFoundByType() {
		HealthWS health = this.manager.health(new WebsocketListener<>() {
		});
		AskStreamWS ask = this.manager.ask(new WebsocketListener<>() {
		});
		assertThat(this.manager.sockets()).containsExactly(health, ask);
		assertThat(this.manager.socket(AskStreamWS.class)).containsSame(ask);
		assertThat(this.manager.socket(AuthWS.class)).isEmpty();
		assertThat(health.state()).isEqualTo(ConnectionState.IDLE);
		assertThat(PiecesStream.QGPT.path()).isEqualTo("/qgpt/stream");
	}

	@Test
	void reconnectWhenPiecesOsStaysAwayShouldBackOffThenGiveUpAfterMaxAttempts() throws Exception {
		int deadPort;
		try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			deadPort = probe.getLocalPort();
		}
		List<String> seen = recorder();
		List<Throwable> errors = recorder();
		try (PiecesClient deadClient = PiecesClient.builder().baseUrl("http://127.0.0.1:" + deadPort).build()) {
			PiecesWebsocketManager dead = new PiecesWebsocketManager(deadClient,
					TestSupport.fastSettings().withReconnect(ReconnectSettings.defaults()
						.withIntervals(Duration.ofMillis(50), Duration.ofMillis(200))
						.withJitter(Duration.ZERO)
						.withMaxAttempts(3)));
			dead.addObserver(new PiecesWebsocketObserver() {

				@Override
				public void connectFailed(BaseWebsocket<?> socket, Throwable error) {
					seen.add("failed");
				}

				@Override
				public void reconnectScheduled(BaseWebsocket<?> socket, int attempt, Duration delay) {
					seen.add("scheduled:" + attempt);
				}

				@Override
				public void reconnectExhausted(BaseWebsocket<?> socket) {
					seen.add("exhausted");
				}

			});
			HealthWS health = dead.health(WebsocketListener.of(null, null, errors::add, null));
			dead.startAll();
			await().until(() -> seen.contains("exhausted"));
			assertThat(copy(seen)).containsExactly("failed", "scheduled:1", "failed", "scheduled:2", "failed",
					"scheduled:3", "failed", "exhausted");
			assertThat(errors).hasSize(4);
			assertThat(health.state()).isEqualTo(ConnectionState.CLOSED);
			assertThat(health.isConnected()).isFalse();
			dead.closeAll();
		}
	}

	@Test
	void socketWithReconnectDisabledShouldStayClosedAfterServerClose() {
		PiecesWebsocketManager once = new PiecesWebsocketManager(this.client,
				TestSupport.fastSettings().withReconnect(ReconnectSettings.defaults().withEnabled(false)));
		try {
			List<String> events = recorder();
			HealthWS health = once.health(WebsocketListener.of(null, () -> events.add("open"), null,
					(status) -> events.add("close")));
			health.start();
			await().until(() -> events.contains("open"));
			simulator().restart(Duration.ofMillis(100));
			await().until(() -> events.contains("close"));
			await().until(() -> health.state() == ConnectionState.CLOSED);
			await().atMost(Duration.ofSeconds(20)).until(simulator()::isRunning);
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
				.until(() -> simulator().openSessions("health") == 0);
		}
		finally {
			once.closeAll();
		}
	}

	private void awaitAllConnected() {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.manager.sockets().stream().allMatch(BaseWebsocket::isConnected));
	}

	private static Set<String> newThreads(Set<Thread> baseline) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !baseline.contains(thread) && thread.isAlive())
			.map(Thread::getName)
			.filter((name) -> OTHER_OWNERS.stream().noneMatch(name::startsWith))
			.collect(Collectors.toSet());
	}

	private static PiecesOsSimulator simulator() {
		return pieces.simulator();
	}

}
