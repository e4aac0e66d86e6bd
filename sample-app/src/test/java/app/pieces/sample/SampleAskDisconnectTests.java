package app.pieces.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import app.pieces.simulator.PiecesOsSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/ask} when the browser goes away in the middle of an answer: the sample must
 * stop the answer (the simulator receives the copilot's stop frame) instead of letting Pieces OS
 * generate text nobody reads, also when it leaves while the answer is silent (the heartbeat finds it
 * within seconds, long before the copilot's 60 s timeout).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.sse.heartbeat=500ms")
@ActiveProfiles("simulator")
class SampleAskDisconnectTests {

	private static final Duration WAIT = Duration.ofSeconds(20);


	@LocalServerPort
	private int port;

	@Autowired
	private PiecesOsSimulator simulator;

	@BeforeEach
	void awaitTheSimulator() {
		// an earlier test class sharing this context may have restarted the simulator
		await().atMost(WAIT).until(this.simulator::isRunning);
	}

	@Test
	void askWhenTheBrowserLeavesDuringASilentStretchShouldStopTheAnswerWithinSeconds() throws IOException {
		this.simulator.copilot().silent(true);
		try {
			String question = "A question Pieces OS takes long to answer";
			try (Socket browser = open(question)) {
				BufferedReader in = new BufferedReader(
						new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
				String line;
				while ((line = in.readLine()) != null && !line.startsWith(":")) {
					// skip the headers until the first heartbeat comment
				}
				assertThat(line).as("a heartbeat while the answer is silent").isNotNull();
				browser.setSoLinger(true, 0);
			}
			String requestId = this.simulator.copilot().lastRequestFor(question).orElseThrow();
			// well before the copilot's own timeout (60 s)
			await().atMost(WAIT).until(() -> this.simulator.copilot().sawStop(requestId));
		}
		finally {
			this.simulator.copilot().silent(false);
		}
	}

	private Socket open(String question) throws IOException {
		return RawAsk.open(this.port, question);
	}

	@Test
	void askWhenTheBrowserDisconnectsMidAnswerShouldStopTheAnswer() throws IOException {
		// the simulator echoes the question: hundreds of chunks, far more than are streamed before the disconnect
		String question = "Please explain this in great detail: " + "retry with jitter and backoff, ".repeat(400)
				+ "and why?";
		assertThat(this.simulator.copilot().chunksFor(question)).hasSizeGreaterThan(500);
		try (Socket browser = open(question)) {
			BufferedReader in = new BufferedReader(
					new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
			String line;
			while ((line = in.readLine()) != null && !line.startsWith("event:chunk")) {
				// skip the headers until the first chunk of the answer
			}
			assertThat(line).as("the first chunk of the answer").isNotNull();
			// vanish like a closed browser tab: reset the connection
			browser.setSoLinger(true, 0);
		}
		// this request's own id: the simulator is shared with every test class of the cached context
		String requestId = this.simulator.copilot().lastRequestFor(question).orElseThrow();
		await().atMost(WAIT).until(() -> this.simulator.copilot().sawStop(requestId));
		await().atMost(WAIT).until(() -> !this.simulator.copilot().isInFlight(requestId));
	}

}
