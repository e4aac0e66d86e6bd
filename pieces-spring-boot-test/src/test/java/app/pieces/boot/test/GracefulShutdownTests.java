package app.pieces.boot.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import app.pieces.copilot.CopilotAnswer;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.simulator.PiecesOsSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Boot web app shut down while a copilot answer streams to its caller over HTTP: Boot's graceful shutdown
 * (its default) waits for the request, and the starter's streams stay open until the web server has drained, so
 * the caller gets the whole answer, within {@code spring.lifecycle.timeout-per-shutdown-phase}, and Pieces OS is
 * never asked to stop it.
 */
class GracefulShutdownTests {

	@Test
	void answerStreamingWhenShutdownBeginsShouldComplete() throws Exception {
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder().assets(2).start()) {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(AnsweringApplication.class)
				.properties("server.port=0", "pieces.base-url=" + simulator.baseUrl(),
						"spring.lifecycle.timeout-per-shutdown-phase=60s", "spring.main.banner-mode=off")
				.run();
			try {
				int port = ((WebServerApplicationContext) context).getWebServer().getPort();
				String question = "An answer that outlives the start of a shutdown";
				// one chunk goes out, then the answer waits, in flight, until the shutdown is under way
				simulator.copilot().pause();
				HttpResponse<InputStream> response = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/answer?q="
							+ URLEncoder.encode(question, StandardCharsets.UTF_8))).build(),
							HttpResponse.BodyHandlers.ofInputStream());
				assertThat(response.statusCode()).isEqualTo(200);
				try (InputStream body = response.body()) {
					int first = body.read();
					assertThat(first).as("the first chunk reached the caller").isNotNegative();
					String requestId = simulator.copilot().lastRequestFor(question).orElseThrow();
					CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
					// Boot's graceful shutdown closes the server socket first: from then on the web server drains
					await().atMost(Duration.ofSeconds(30)).until(() -> refusesConnections(port));
					assertThat(simulator.copilot().isInFlight(requestId)).as("the answer is still streaming").isTrue();
					simulator.copilot().resume();
					String rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);
					assertThat((char) first + rest).isEqualTo(simulator.copilot().answerFor(question));
					closing.get(60, TimeUnit.SECONDS);
					assertThat(simulator.copilot().sawStop(requestId)).as("Pieces OS was not asked to stop").isFalse();
				}
			}
			finally {
				context.close();
			}
		}
	}

	private static boolean refusesConnections(int port) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return false;
		}
		catch (ConnectException ex) {
			return true;
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class AnsweringApplication {

		private final PiecesCopilot copilot;

		AnsweringApplication(PiecesCopilot copilot) {
			this.copilot = copilot;
		}

		@GetMapping(path = "/answer", produces = MediaType.TEXT_PLAIN_VALUE)
		ResponseBodyEmitter answer(@RequestParam("q") String question) {
			ResponseBodyEmitter emitter = new ResponseBodyEmitter(Duration.ofMinutes(2).toMillis());
			CopilotAnswer answer = this.copilot.ask(question);
			answer.onChunk((chunk) -> {
				try {
					emitter.send(chunk, MediaType.TEXT_PLAIN);
				}
				catch (IOException ex) {
					answer.stop();
				}
			});
			answer.text().whenComplete((text, failure) -> {
				if (failure == null) {
					emitter.complete();
				}
				else {
					emitter.completeWithError(failure);
				}
			});
			return emitter;
		}

	}

}
