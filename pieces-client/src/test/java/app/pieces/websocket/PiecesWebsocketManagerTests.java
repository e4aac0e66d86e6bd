package app.pieces.websocket;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Set;

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

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(8).conversations(3).build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces);

	@Test
	void closeAllShouldLeaveNoThreadBehindAndManagerShouldStartAgain() throws Exception {
		// the simulator may still be finishing a restart from another test of this class
		await().until(this.sockets.client()::isHealthy);
		Set<Thread> baseline = Thread.getAllStackTraces().keySet();
		assertThat(this.sockets.manager().sockets()).isEmpty();
		AssetsIdentifiersWS assets = TestSupport.registerEveryStream(this.sockets.manager());
		this.sockets.manager().startAll();
		awaitAllConnected();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertThat(TestSupport.newThreads(baseline)).isNotEmpty().anyMatch((name) -> name.startsWith("pieces-worker-"));

		this.sockets.manager().closeAll();
		assertThat(this.sockets.manager().sockets()).allMatch((socket) -> socket.state() == ConnectionState.CLOSED);
		await().untilAsserted(() -> assertThat(TestSupport.newThreads(baseline)).isEmpty());
		await().until(() -> simulator().openSessions("health") == 0 && simulator().openSessions("assets") == 0);

		String deleted = simulator().state().assets().get(0);
		simulator().deleteAsset(deleted, true);
		this.sockets.manager().startAll();
		awaitAllConnected();
		await().until(() -> assets.cache().isSynced() && !assets.cache().ids().contains(deleted));
		assertThat(assets.cache().ids()).containsExactlyInAnyOrderElementsOf(simulator().state().assets());
		this.sockets.manager().closeAll();
		await().untilAsserted(() -> assertThat(TestSupport.newThreads(baseline)).isEmpty());
	}

	@Test
	void closeAllWhileConnectsAreInFlightShouldReleaseTomcatsSharedChannelGroup() throws Exception {
		// Tomcat's client containers share one channel group (and its I/O threads) in the JVM; a connect that
		// ran after its container was destroyed registered the container again, and the group never ended
		int usersBefore = tomcatChannelGroupUsers();
		PiecesWebsocketManager manager = this.sockets.manager();
		TestSupport.registerEveryStream(manager);
		for (int cycle = 0; cycle < 60; cycle++) {
			manager.startAll();
			if (cycle % 3 == 0) {
				await().until(() -> manager.sockets().stream().anyMatch(BaseWebsocket::isConnected));
			}
			manager.closeAll();
		}
		await().until(() -> tomcatChannelGroupUsers() == usersBefore);
	}

	private static int tomcatChannelGroupUsers() throws ReflectiveOperationException {
		Field usageCount = Class.forName("org.apache.tomcat.websocket.AsyncChannelGroupUtil")
			.getDeclaredField("usageCount");
		usageCount.setAccessible(true);
		synchronized (lockOf(usageCount.getDeclaringClass())) {
			return usageCount.getInt(null);
		}
	}

	private static Object lockOf(Class<?> type) throws ReflectiveOperationException {
		Field lock = type.getDeclaredField("lock");
		lock.setAccessible(true);
		return lock.get(null);
	}

	@Test
	void closeAllShouldBeIdempotentAndWorkBeforeAnyStart() {
		this.sockets.manager().health(new WebsocketListener<>() {
		});
		this.sockets.manager().closeAll();
		this.sockets.manager().closeAll();
		this.sockets.manager().close();
		assertThat(this.sockets.manager().isRunning()).isFalse();
	}

	@Test
	void reconnectAllShouldCloseAndReopenEverySocket() {
		List<String> events = recorder();
		HealthWS health = this.sockets.manager().health(WebsocketListener.of(null, () -> events.add("open"), null,
				(status) -> events.add("close")));
		ConversationWS conversations = this.sockets.manager().conversations(new ConversationsListener() {
		});
		this.sockets.manager().startAll();
		awaitAllConnected();
		this.sockets.manager().reconnectAll();
		await().until(() -> copy(events).equals(List.of("open", "close", "open")));
		awaitAllConnected();
		await().until(() -> simulator().openSessions("health") == 1 && simulator().openSessions("conversations") == 1);
		assertThat(health.reconnectAttempts()).isZero();
		await().until(() -> conversations.cache().isSynced());
	}

	@Test
	void socketsShouldBeRegisteredAndFoundByType() {
		HealthWS health = this.sockets.manager().health(new WebsocketListener<>() {
		});
		AskStreamWS ask = this.sockets.manager().ask(new WebsocketListener<>() {
		});
		assertThat(this.sockets.manager().sockets()).containsExactly(health, ask);
		assertThat(this.sockets.manager().socket(AskStreamWS.class)).containsSame(ask);
		assertThat(this.sockets.manager().socket(AuthWS.class)).isEmpty();
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
			dead.addEventListener(new ClientEventListener() {

				@Override
				public void onEvent(ClientEvent event) {
					if (event instanceof ClientEvent.ConnectFailed failed) {
						seen.add("failed");
					}
					else if (event instanceof ClientEvent.ReconnectScheduled scheduled) {
						int attempt = scheduled.attempt();
						seen.add("scheduled:" + attempt);
					}
					else if (event instanceof ClientEvent.ReconnectExhausted exhausted) {
						seen.add("exhausted");
					}
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
		PiecesWebsocketManager once = new PiecesWebsocketManager(this.sockets.client(),
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
			.until(() -> this.sockets.manager().sockets().stream().allMatch(BaseWebsocket::isConnected));
	}

	private static PiecesOsSimulator simulator() {
		return pieces.simulator();
	}

}
