package app.pieces.websocket;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.socket.CloseStatus;

import app.pieces.client.PiecesClient;
import app.pieces.copilot.CopilotAnswer;
import app.pieces.copilot.CopilotConnectionLostException;
import app.pieces.copilot.CopilotSettings;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static app.pieces.websocket.TestSupport.copy;
import static app.pieces.websocket.TestSupport.recorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Liveness pings: a Pieces OS that stops answering without closing TCP (simulated by a
 * frozen proxy in front of the simulator) is noticed and the sockets reconnect.
 */
class WebsocketLivenessTests {

	/**
	 * Short enough that a freeze is noticed quickly (after two silent intervals), long enough
	 * that a hiccup of a loaded build machine does not look like one. Assertions about what
	 * happens before a freeze tolerate a spurious reconnect anyway.
	 */
	private static final Duration PING_INTERVAL = Duration.ofMillis(500);

	/**
	 * For tests that assert a connection stays open.
	 */
	private static final Duration STEADY_PING_INTERVAL = Duration.ofMillis(1500);

	/**
	 * Long enough that the connections of a frozen Pieces OS are not closed by a Tomcat
	 * timeout (the upgrade and the close handshake wait this long) while a test runs.
	 */
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().build();

	private FreezableProxy proxy;

	private PiecesClient client;

	private PiecesWebsocketManager manager;

	@BeforeEach
	void createProxyAndManager() throws IOException {
		this.proxy = new FreezableProxy(pieces.simulator().port());
		this.client = PiecesClient.builder().baseUrl(this.proxy.baseUrl()).build();
		this.manager = new PiecesWebsocketManager(this.client, settings());
	}

	@AfterEach
	void closeEverything() throws IOException {
		this.manager.closeAll();
		this.client.close();
		this.proxy.close();
	}

	@Test
	void socketsWhenPiecesOsFreezesShouldNoticeCloseAndReconnectOnceItAnswersAgain() {
		List<String> opens = recorder();
		List<CloseStatus> closes = recorder();
		HealthWS health = this.manager
			.health(WebsocketListener.of(null, () -> opens.add("health"), null, closes::add));
		AuthWS user = this.manager.user(WebsocketListener.of(null, () -> opens.add("user"), null, closes::add));
		Set<Thread> baseline = Thread.getAllStackTraces().keySet();
		try (LogCapture logs = new LogCapture()) {
			this.manager.startAll();
			await().until(() -> health.isConnected() && user.isConnected());

			this.proxy.freeze();
			await().until(() -> !health.isConnected() && !user.isConnected() && closes.size() >= 2);
			assertThat(copy(closes)).extracting(CloseStatus::getCode)
				.containsOnly(CloseStatus.SESSION_NOT_RELIABLE.getCode());
			assertThat(copy(closes)).extracting(CloseStatus::getReason).containsOnly("no answer to pings for 1000ms");
			// the dead connections are dropped at once, not after a close handshake that never ends
			await().until(() -> this.proxy.closedByClients() >= 2);
			assertThat(logs.infoAndAbove()).filteredOn((line) -> line.startsWith("Lost the connection"))
				.isNotEmpty()
				.allSatisfy((line) -> assertThat(line)
					.startsWith("Lost the connection to Pieces OS at " + this.proxy.baseUrl())
					.contains("no answer to pings for 1000ms")
					.endsWith("the streams reconnect in the background"));

			this.proxy.unfreeze();
			await().until(() -> health.isConnected() && user.isConnected());
			// at least: a hiccup of the build machine may cost one more (harmless) reconnect
			assertThat(copy(opens)).filteredOn("health"::equals).hasSizeGreaterThanOrEqualTo(2);
			assertThat(copy(opens)).filteredOn("user"::equals).hasSizeGreaterThanOrEqualTo(2);
			// the dead connections were closed on the server side too
			await().until(() -> pieces.simulator().openSessions("health") == 1
					&& pieces.simulator().openSessions("user") == 1);
			assertThat(logs.infoAndAbove()).filteredOn((line) -> line.startsWith("Pieces OS is reachable again at"))
				.isNotEmpty();
		}
		this.manager.closeAll();
		assertThat(this.manager.pendingTimers()).isZero();
		await().untilAsserted(() -> assertThat(TestSupport.newThreads(baseline)).isEmpty());
	}

	@Test
	void closeAllWhilePiecesOsStaysFrozenShouldCloseEverySocketAndLeaveNoThreadBehind() throws IOException {
		Set<Thread> baseline = Thread.getAllStackTraces().keySet();
		List<String> events = recorder();
		HealthWS health = this.manager.health(WebsocketListener.of(null, () -> events.add("open"), null,
				(status) -> events.add("close")));
		this.manager.startAll();
		await().until(health::isConnected);
		this.proxy.freeze();
		await().until(() -> events.contains("close"));
		// the reconnect attempt now waits in the upgrade: nobody answers
		await().until(() -> health.state() == ConnectionState.CONNECTING);
		this.manager.closeAll();
		assertThat(health.state()).isEqualTo(ConnectionState.CLOSED);
		assertThat(this.manager.pendingTimers()).isZero();
		// a hiccup of the build machine before the freeze may have cost one more (harmless) reconnect
		assertThat(copy(events)).startsWith("open").endsWith("close");
		assertThat(copy(events)).filteredOn("open"::equals)
			.hasSameSizeAs(copy(events).stream().filter("close"::equals).toList());
		// Pieces OS's side (the simulator shares Tomcat's background thread) goes away with the proxy
		this.proxy.close();
		await().untilAsserted(() -> assertThat(TestSupport.newThreads(baseline)).isEmpty());
		assertThat(health.state()).isEqualTo(ConnectionState.CLOSED);
	}

	@Test
	void copilotAnswerWhenPiecesOsFreezesShouldFailAsConnectionLostLongBeforeItsTimeout() {
		// the steady interval: a hiccup of the build machine must not cut the connection before the freeze
		PiecesWebsocketManager steady = new PiecesWebsocketManager(this.client,
				settings().withPingInterval(STEADY_PING_INTERVAL));
		AskStreamWS ask = steady.ask(null);
		try (PiecesCopilot copilot = new PiecesCopilot(ask, this.client,
				CopilotSettings.defaults().withTimeout(Duration.ofMinutes(10)))) {
			ask.start();
			await().until(ask::isConnected);
			// the first question registers the application over REST, which a frozen Pieces OS would hold up
			assertThat(copilot.askAndWait("Hello?", Duration.ofSeconds(20)))
				.isEqualTo(pieces.simulator().copilot().answerFor("Hello?"));
			this.proxy.freeze();
			CopilotAnswer answer = copilot.ask("Are you still there?");
			assertThat(answer.text()).failsWithin(Duration.ofSeconds(20))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(CopilotConnectionLostException.class);
			this.proxy.unfreeze();
			await().until(ask::isConnected);
			assertThat(copilot.askAndWait("And now?", Duration.ofSeconds(20)))
				.isEqualTo(pieces.simulator().copilot().answerFor("And now?"));
		}
		finally {
			steady.closeAll();
		}
	}

	@Test
	void socketWhilePiecesOsAnswersShouldKeepPingingAndStayOpen() {
		PiecesWebsocketManager steady = new PiecesWebsocketManager(this.client,
				settings().withPingInterval(STEADY_PING_INTERVAL));
		try {
			List<CloseStatus> closes = recorder();
			HealthWS health = steady.health(WebsocketListener.of(null, null, null, closes::add));
			health.start();
			await().until(health::isConnected);
			long sent = this.proxy.bytesToServer();
			// a PING from a client is at least 6 bytes (header and mask): several intervals pass
			await().atMost(STEADY_PING_INTERVAL.multipliedBy(10)).until(() -> this.proxy.bytesToServer() >= sent + 3 * 6);
			assertThat(closes).isEmpty();
			assertThat(health.isConnected()).isTrue();
			assertThat(health.reconnectAttempts()).isZero();
		}
		finally {
			steady.closeAll();
		}
	}

	@Test
	void closeShouldCancelThePingTimer() {
		HealthWS health = this.manager.health(new WebsocketListener<>() {
		});
		health.start();
		await().until(health::isConnected);
		await().until(() -> this.manager.pendingTimers() == 1);
		health.close();
		assertThat(this.manager.pendingTimers()).isZero();
		// the close frame reached the server: nothing the client sends later is part of the close
		await().until(() -> pieces.simulator().openSessions("health") == 0);
		long sent = this.proxy.bytesToServer();
		await().during(PING_INTERVAL.multipliedBy(3))
			.atMost(PING_INTERVAL.multipliedBy(10))
			.until(() -> this.proxy.bytesToServer() == sent);
	}

	@Test
	void socketWithPingsDisabledShouldSendNoPings() {
		PiecesWebsocketManager quiet = new PiecesWebsocketManager(this.client, settings().withPingInterval(Duration.ZERO));
		try {
			HealthWS health = quiet.health(new WebsocketListener<>() {
			});
			health.start();
			await().until(health::isConnected);
			long sent = this.proxy.bytesToServer();
			await().during(PING_INTERVAL.multipliedBy(3))
				.atMost(PING_INTERVAL.multipliedBy(10))
				.until(() -> this.proxy.bytesToServer() == sent && quiet.pendingTimers() == 0);
			assertThat(health.isConnected()).isTrue();
		}
		finally {
			quiet.closeAll();
		}
	}

	private static WebsocketSettings settings() {
		return TestSupport.fastSettings().withPingInterval(PING_INTERVAL).withConnectTimeout(CONNECT_TIMEOUT);
	}

}
