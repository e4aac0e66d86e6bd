package app.pieces.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A class-level extension (as Spring's is, through {@code @SpringBootTest}) is registered before a
 * static {@code @RegisterExtension} simulator, so its {@code afterAll} runs after the simulator's:
 * the simulator must still serve then, or the application would lose Pieces OS while it closes.
 */
@ExtendWith(ExtensionTeardownOrderTests.ChecksTheSimulatorAfterAll.class)
class ExtensionTeardownOrderTests {

	@RegisterExtension
	static final PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().build();

	@Test
	void simulatorShouldRunDuringTheTests() {
		assertThat(pieces.simulator().isRunning()).isTrue();
	}

	/**
	 * Stands for Spring's extension: asserts in its {@code afterAll} that Pieces OS is still there.
	 */
	static class ChecksTheSimulatorAfterAll implements AfterAllCallback {

		@Override
		public void afterAll(ExtensionContext context) {
			PiecesOsSimulator simulator = pieces.simulator();
			assertThat(simulator.isRunning()).as("the simulator still serves in a later afterAll callback").isTrue();
			assertThat(Http.healthy(simulator.baseUrl())).isTrue();
		}

	}

}
