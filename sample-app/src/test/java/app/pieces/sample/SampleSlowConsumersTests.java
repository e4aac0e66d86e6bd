package app.pieces.sample;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

import app.pieces.sample.live.LiveUpdates;
import app.pieces.simulator.PiecesOsSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Browsers that stop reading the live feed must not stall the others: with small socket buffers (so that a
 * write to a browser that reads nothing blocks soon, as it does for any browser once its buffers fill), a normal
 * reader still gets every event while ten stalled ones hold their own writers, and the stalled ones are closed
 * once a write to them stays blocked (here 3 s), with one WARN line each and no stack trace.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.sse.heartbeat=250ms", "sample.sse.stall-timeout=3s" })
@ActiveProfiles("simulator")
class SampleSlowConsumersTests {

	private static final int CHANGES = 400;

	private static final int STALLED = 10;

	@LocalServerPort
	private int port;

	@Autowired
	private PiecesOsSimulator simulator;

	@Autowired
	private LiveUpdates live;

	@Test
	void stalledBrowsersShouldNotStallAFastOneAndShouldBeClosedWhenTooFarBehind() throws Exception {
		List<Socket> stalled = new ArrayList<>();
		AtomicInteger seen = new AtomicInteger();
		try (Socket fast = feed()) {
			for (int i = 0; i < STALLED; i++) {
				stalled.add(feed());
			}
			Thread reader = new Thread(() -> count(fast, seen), "fast-reader");
			reader.setDaemon(true);
			reader.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> this.live.subscribers() >= STALLED + 1);
			List<String> created = new ArrayList<>();
			for (int i = 0; i < CHANGES; i++) {
				created.add(this.simulator.createAsset("Flood " + i, "x = " + i, "py"));
			}
			// every change reached the browser that reads, while the others read nothing
			await().atMost(Duration.ofSeconds(60)).until(() -> seen.get() >= CHANGES);
			// and a question asked now is answered at once (its stream has a writer of its own too)
			HttpResponse<String> answer = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/ask"))
					.header("Content-Type", "application/json")
					.timeout(Duration.ofSeconds(30))
					.POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"Still there?\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.body()).contains("event:done");
			// the stalled browsers were found out by their blocked writes and closed; the reader stays
			await().atMost(Duration.ofSeconds(30)).until(() -> this.live.subscribers() == 1);
			created.forEach(this.simulator::deleteAsset);
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
	}

	private Socket feed() throws Exception {
		Socket socket = new Socket();
		// a browser that reads nothing: a small window, so that the server's writes to it block soon
		socket.setReceiveBufferSize(1024);
		socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
		socket.getOutputStream()
			.write(("GET /api/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		return socket;
	}

	private static void count(Socket socket, AtomicInteger seen) {
		try {
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String line;
			while ((line = in.readLine()) != null) {
				if (line.startsWith("event:asset-updated")) {
					seen.incrementAndGet();
				}
			}
		}
		catch (Exception ex) {
			// the test ended
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SmallSocketBuffers {

		@Bean
		TomcatConnectorCustomizer smallSendBuffers() {
			// a fixed, small send buffer (no autotuning): a write to a browser that reads nothing blocks after a few KB
			return (connector) -> connector.setProperty("socket.txBufSize", "4096");
		}

	}

}
