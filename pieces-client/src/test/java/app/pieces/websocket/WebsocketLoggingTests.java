package app.pieces.websocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.client.PiecesClient;
import app.pieces.simulator.PiecesOsSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the websockets log while Pieces OS is absent: one line for the manager, not one per
 * stream and attempt.
 */
class WebsocketLoggingTests {

	private int port;

	private final Map<PiecesStream, AtomicInteger> failures = new ConcurrentHashMap<>();

	@RegisterExtension
	final ManagedSockets fixedBaseUrl = new ManagedSockets(() -> PiecesClient.builder().baseUrl(baseUrl()).build(),
			WebsocketLoggingTests::quickRetries);

	@RegisterExtension
	final ManagedSockets discovering = new ManagedSockets(() -> PiecesClient.builder()
		.portRange(this.port, this.port)
		.portFiles(List.of())
		.legacyPorts(false)
		.build(), WebsocketLoggingTests::quickRetries);

	@BeforeEach
	void findAPortWithoutPiecesOs() throws IOException {
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.port = probe.getLocalPort();
		}
	}

	@Test
	void fiveSocketsWhenPiecesOsIsAbsentShouldLogOneInfoLineAndOneMoreWhenItIsBack() {
		PiecesWebsocketManager manager = fiveSockets(this.fixedBaseUrl);
		try (LogCapture logs = new LogCapture(Level.DEBUG)) {
			manager.startAll();
			awaitEverySocketFailedRepeatedly();
			assertThat(logs.infoAndAbove()).singleElement()
				.asString()
				.startsWith("Pieces OS is not reachable at " + baseUrl() + " (")
				.contains("ConnectException")
				.endsWith("); the streams keep retrying in the background");
			assertThat(logs.messages()).filteredOn((line) -> line.startsWith("Could not connect the qgpt stream"))
				.hasSizeGreaterThanOrEqualTo(2);

			PiecesOsSimulator simulator = PiecesOsSimulator.builder().port(this.port).build().start();
			try {
				await().atMost(Duration.ofSeconds(20))
					.until(() -> manager.sockets().stream().allMatch(BaseWebsocket::isConnected));
				assertThat(logs.infoAndAbove()).hasSize(2)
					.last()
					.isEqualTo("Pieces OS is reachable again at " + baseUrl() + "; the streams are reconnecting");
			}
			finally {
				manager.closeAll();
				simulator.close();
			}
		}
	}

	@Test
	void fiveSocketsWhenDiscoveryFindsNoPiecesOsShouldLogOneInfoLineSayingWhereItLooked() {
		PiecesWebsocketManager manager = fiveSockets(this.discovering);
		try (LogCapture logs = new LogCapture()) {
			manager.startAll();
			awaitEverySocketFailedRepeatedly();
			assertThat(logs.infoAndAbove()).singleElement()
				.isEqualTo("Pieces OS not found on 127.0.0.1 ports " + this.port + ".." + this.port
						+ " (port files: not read). Is Pieces OS running? The streams keep retrying in the background.");
		}
	}

	private PiecesWebsocketManager fiveSockets(ManagedSockets sockets) {
		PiecesWebsocketManager manager = sockets.manager();
		manager.addEventListener(new ClientEventListener() {

			@Override
			public void onEvent(ClientEvent event) {
				if (event instanceof ClientEvent.ConnectFailed failed) {
					BaseWebsocket<?> socket = failed.socket();
					WebsocketLoggingTests.this.failures.computeIfAbsent(socket.stream(), (stream) -> new AtomicInteger())
						.incrementAndGet();
				}
			}

		});
		TestSupport.registerEveryStream(manager);
		return manager;
	}

	private void awaitEverySocketFailedRepeatedly() {
		await().until(() -> this.failures.size() == 5
				&& this.failures.values().stream().allMatch((count) -> count.get() >= 3));
	}

	private static WebsocketSettings quickRetries() {
		return TestSupport.fastSettings()
			.withReconnect(ReconnectSettings.defaults().withIntervals(Duration.ofMillis(20), Duration.ofMillis(100)));
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

}
