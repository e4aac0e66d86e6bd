package app.pieces.boot.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import app.pieces.client.PiecesClient;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.AssetsIdentifiersWS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link AutoConfigurePiecesOsSimulator} in a plain {@code @SpringBootTest}: the starter talks to the simulator it
 * started (and to nothing else), the simulator can be scripted through injection, and its settings come from the
 * annotation.
 */
@SpringBootTest
@AutoConfigurePiecesOsSimulator(assets = 5, conversations = 1)
class AutoConfigurePiecesOsSimulatorTests {

	@Autowired
	private PiecesOsSimulator simulator;

	@Autowired
	private PiecesClient client;

	@Autowired
	private AssetsIdentifiersWS assets;

	@Test
	void starterShouldTalkToTheSimulatorOfTheAnnotation() throws Exception {
		assertThat(this.client.baseUri()).hasValueSatisfying(
				(base) -> assertThat(base.toString()).isEqualTo(this.simulator.baseUrl()));
		assertThat(this.assets.cache().awaitInitialSync(Duration.ofSeconds(20))).isTrue();
		assertThat(this.assets.cache().size()).isEqualTo(5);
		assertThat(this.simulator.state().conversations()).hasSize(1);
		String created = this.simulator.createAsset("Made by a test", "print('hi')", "py");
		await().until(() -> this.assets.cache().get(created).isPresent());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
