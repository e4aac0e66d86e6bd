package app.pieces.simulator;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PiecesOsSimulatorExtension} registered on an instance field: a fresh simulator per test.
 */
class ExtensionPerTestTests {

	@RegisterExtension
	PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(1).conversations(0).build();

	@RepeatedTest(2)
	void everyTestShouldStartFromTheSeededState() {
		PiecesOsSimulator simulator = this.pieces.simulator();
		assertThat(simulator.state().assets()).hasSize(1);
		simulator.createAsset("Only in this test", "x", "txt");
		assertThat(simulator.state().assets()).hasSize(2);
	}

}
