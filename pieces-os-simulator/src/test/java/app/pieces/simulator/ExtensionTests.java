package app.pieces.simulator;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PiecesOsSimulatorExtension} used through {@code @ExtendWith} with parameter injection.
 */
@ExtendWith(PiecesOsSimulatorExtension.class)
class ExtensionTests {

	private final PiecesOsSimulator constructorSimulator;

	ExtensionTests(PiecesOsSimulator simulator) {
		this.constructorSimulator = simulator;
	}

	@Test
	void simulatorParameterShouldBeTheRunningSimulatorWithDefaults(PiecesOsSimulator simulator) {
		assertThat(simulator).isSameAs(this.constructorSimulator);
		assertThat(simulator.isRunning()).isTrue();
		assertThat(simulator.port()).isPositive();
		assertThat(Http.healthy(simulator.baseUrl())).isTrue();
		SimulatorState state = simulator.state();
		assertThat(state.assets()).hasSize(5);
		assertThat(state.conversations()).hasSize(2);
		assertThat(state.signedIn()).isTrue();
		assertThat(state.version()).isEqualTo("12.3.2");
	}

	@Test
	void everyTestOfTheClassShouldShareOneSimulator(PiecesOsSimulator simulator) {
		assertThat(simulator).isSameAs(this.constructorSimulator);
	}

	@Nested
	class NestedTests {

		@Test
		void nestedTestsShouldGetTheOuterSimulator(PiecesOsSimulator simulator) {
			assertThat(simulator).isSameAs(ExtensionTests.this.constructorSimulator);
		}

	}

}
