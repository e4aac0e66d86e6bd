package app.pieces.sample;

import java.time.Duration;

import app.pieces.simulator.PiecesOsSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without the {@code simulator} profile, {@code pieces.base-url} points the sample at a Pieces
 * OS (here a simulator started by the test, as a separately started simulator jar would be).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SampleWithBaseUrlTests {

	@RegisterExtension
	static final PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(4).build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void baseUrl(DynamicPropertyRegistry registry) {
		registry.add("pieces.base-url", () -> pieces.simulator().baseUrl());
	}

	@Test
	void baseUrlShouldConnectTheSampleToThatPiecesOs() {
		RestClient rest = RestClient.builder().baseUrl("http://localhost:" + this.port).build();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String status = rest.get().uri("/api/status").retrieve().body(String.class);
			assertThat(status).contains("\"healthy\":true")
				.contains("\"assetsSynced\":true")
				.contains("\"assetCount\":4")
				.contains("\"baseUrl\":\"" + pieces.simulator().baseUrl() + "\"");
		});
	}

}
