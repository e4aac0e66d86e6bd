package app.pieces.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without the {@code simulator} profile and with no Pieces OS anywhere, the sample starts,
 * says so clearly in the log and reports DOWN.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class SampleWithoutPiecesOsTests {

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void discoverWhereNothingListens(DynamicPropertyRegistry registry) throws IOException {
		int unused;
		try (ServerSocket socket = new ServerSocket(0)) {
			unused = socket.getLocalPort();
		}
		// discovery looks at one closed port only: no port file, no legacy ports, so a real
		// Pieces OS on the machine running the tests cannot interfere
		registry.add("pieces.discovery.first-port", () -> unused);
		registry.add("pieces.discovery.last-port", () -> unused);
		registry.add("pieces.discovery.port-files-enabled", () -> false);
		registry.add("pieces.discovery.legacy-ports", () -> false);
	}

	@Test
	void startWithoutPiecesOsShouldSaySoInTheLogAndReportDown(CapturedOutput output) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(output.getOut()).contains("No Pieces OS is running on this machine")
				.contains("--spring.profiles.active=simulator"));
		RestClient rest = RestClient.builder().baseUrl("http://localhost:" + this.port).build();
		String status = rest.get().uri("/api/status").retrieve().body(String.class);
		assertThat(status).contains("\"healthy\":false").contains("\"connected\":false").doesNotContain("\"connected\":true");
		// the page says why, as the health does
		assertThat(status).contains("\"healthReason\":\"Pieces OS unreachable");
		String health = rest.get()
			.uri("/actuator/health")
			.exchange((request, response) -> new String(response.getBody().readAllBytes()));
		assertThat(health).contains("\"pieces\":{").contains("DOWN");
		assertThat(output.getOut()).contains("Pieces sample app is running: open http://localhost:" + this.port + "/");
	}

}
