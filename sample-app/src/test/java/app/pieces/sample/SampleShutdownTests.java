package app.pieces.sample;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import app.pieces.simulator.PiecesOsSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shutting the sample down while a copilot answer streams: the browser gets exactly one final event (an
 * {@code error}, not a cut stream), and Pieces OS gets the stop frame, because the starter's streams close only
 * after the web server has drained its requests.
 */
class SampleShutdownTests {

	@Test
	void shutdownMidAnswerShouldSendOneFinalEventAndStopTheAnswer() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.profiles("simulator")
			.properties("server.port=0", "sample.sse.heartbeat=300ms", "spring.main.banner-mode=off")
			.run();
		PiecesOsSimulator simulator = context.getBean(PiecesOsSimulator.class);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		simulator.copilot().silent(true);
		String question = "A long answer cut by a shutdown";
		List<String> lines = new ArrayList<>();
		try (Socket browser = RawAsk.open(port, question)) {
			browser.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
			BufferedReader in = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
			String line;
			while ((line = in.readLine()) != null && !line.startsWith(":")) {
				// the headers, until the first heartbeat: the answer is in flight
			}
			await().until(() -> simulator.copilot().lastRequestFor(question).isPresent());
			String requestId = simulator.copilot().lastRequestFor(question).orElseThrow();
			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			while ((line = in.readLine()) != null) {
				lines.add(line);
			}
			closing.get(60, TimeUnit.SECONDS);
			assertThat(lines.stream().filter((each) -> each.startsWith("event:")).toList())
				.containsExactly("event:error");
			assertThat(simulator.copilot().sawStop(requestId)).as("Pieces OS got the stop frame").isTrue();
		}
		finally {
			context.close();
		}
	}

}
