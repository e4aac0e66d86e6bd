package app.pieces.websocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

	private PiecesClient client;

	private PiecesWebsocketManager manager;

	private final Map<PiecesStream, AtomicInteger> failures = new ConcurrentHashMap<>();

	@BeforeEach
	void createManagerForAnAbsentPiecesOs() throws IOException {
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.port = probe.getLocalPort();
		}
		this.client = PiecesClient.builder().baseUrl(baseUrl()).build();
		this.manager = new PiecesWebsocketManager(this.client, TestSupport.fastSettings()
			.withReconnect(ReconnectSettings.defaults().withIntervals(Duration.ofMillis(20), Duration.ofMillis(100))));
		this.manager.addObserver(new PiecesWebsocketObserver() {

			@Override
			public void connectFailed(BaseWebsocket<?> socket, Throwable error) {
				WebsocketLoggingTests.this.failures.computeIfAbsent(socket.stream(), (stream) -> new AtomicInteger())
					.incrementAndGet();
			}

		});
		TestSupport.registerEveryStream(this.manager);
	}

	@AfterEach
	void closeManager() {
		this.manager.closeAll();
		this.client.close();
	}

	@Test
	void fiveSocketsWhenPiecesOsIsAbsentShouldLogOneInfoLineAndOneMoreWhenItIsBack() {
		try (LogCapture logs = new LogCapture(Level.DEBUG)) {
			this.manager.startAll();
			await().until(() -> this.failures.size() == 5
					&& this.failures.values().stream().allMatch((count) -> count.get() >= 3));
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
					.until(() -> this.manager.sockets().stream().allMatch(BaseWebsocket::isConnected));
				assertThat(logs.infoAndAbove()).hasSize(2)
					.last()
					.isEqualTo("Pieces OS is reachable again at " + baseUrl() + "; the streams are reconnecting");
			}
			finally {
				this.manager.closeAll();
				simulator.close();
			}
		}
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

}
