package app.pieces.sample;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import app.pieces.simulator.PiecesOsSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample jar built by the {@code aot} profile, started as a user starts it with
 * {@code -Dspring.aot.enabled=true}: the AOT-generated bean definitions must wire the starter (streams, caches,
 * copilot, Actuator) and sync with Pieces OS, here a simulator started by the test. Runs in the {@code aot}
 * profile only ({@code ./mvnw -pl sample-app -am -Paot verify}), after the jar is packaged.
 */
class SampleAotIT {

	private PiecesOsSimulator simulator;

	private Process app;

	private Path log;

	@BeforeEach
	void start() throws IOException {
		this.simulator = PiecesOsSimulator.builder().assets(5).conversations(2).start();
		this.log = Files.createTempFile("sample-aot", ".log");
	}

	@AfterEach
	void stop() throws Exception {
		if (this.app != null) {
			this.app.destroy();
			if (!this.app.waitFor(30, TimeUnit.SECONDS)) {
				this.app.destroyForcibly();
			}
		}
		this.simulator.close();
		Files.deleteIfExists(this.log);
	}

	@Test
	void aotBuiltSampleShouldStartWithAotEnabledAndSyncWithPiecesOs() throws Exception {
		String jar = System.getProperty("sample.jar");
		assertThat(jar).as("sample.jar, set by the aot profile").isNotBlank();
		assertThat(new File(jar)).exists();
		int port = freePort();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.app = new ProcessBuilder(List.of(java, "-Dspring.aot.enabled=true", "-jar", jar,
				"--server.port=" + port, "--pieces.base-url=" + this.simulator.baseUrl(), "--spring.main.banner-mode=off"))
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile())
			.start();
		RestClient rest = RestClient.builder().baseUrl("http://localhost:" + port).build();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreException(ResourceAccessException.class).untilAsserted(() -> {
			if (!this.app.isAlive()) {
				throw new IllegalStateException("The AOT-built sample exited; its log:%n%s".formatted(readLog()));
			}
			String status = rest.get().uri("/api/status").retrieve().body(String.class);
			assertThat(status).contains("\"healthy\":true")
				.contains("\"assetsSynced\":true")
				.contains("\"assetCount\":5")
				.contains("\"conversationCount\":2");
		});
		assertThat(readLog()).as("started from the AOT-generated initializers")
			.contains("Starting AOT-processed SampleApplication");
		String health = rest.get().uri("/actuator/health/pieces").retrieve().body(String.class);
		assertThat(health).contains("\"status\":\"UP\"");
	}

	private String readLog() throws IOException {
		return Files.readString(this.log);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
