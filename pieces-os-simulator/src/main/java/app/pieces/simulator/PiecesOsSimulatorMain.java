package app.pieces.simulator;

/**
 * Command-line entry point of the Pieces OS simulator.
 */
public final class PiecesOsSimulatorMain {

	private PiecesOsSimulatorMain() {
	}

	public static void main(String[] args) {
		System.out.println("Pieces OS simulator");
	}

}
