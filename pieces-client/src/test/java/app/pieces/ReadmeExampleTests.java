package app.pieces;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.client.PiecesClient;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.AssetsListener;
import app.pieces.websocket.HealthWS;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.WebsocketListener;
import app.pieces.websocket.WebsocketSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "Without Spring Boot" example of the README, verbatim but for the simulator's base
 * URL: it must compile and do what the README says.
 */
class ReadmeExampleTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension simulator = PiecesOsSimulatorExtension.builder().assets(0).conversations(0).build();

	@Test
	void withoutSpringBootExampleShouldPrintAssetsAndTheCopilotsAnswer() throws Exception {
		PiecesOsSimulator sim = simulator.simulator();
		sim.createAsset("Retry helper", "retry(3, () -> call())", "java");
		sim.createAsset("Jitter notes", "add +/- 100ms", "md");
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream originalOut = System.out;
		System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
		try {
			// ---- the README's example starts here
			try (PiecesClient pieces = PiecesClient.builder().baseUrl(sim.baseUrl()).build();
					PiecesWebsocketManager sockets = new PiecesWebsocketManager(pieces, WebsocketSettings.defaults())) {
				HealthWS health = sockets.health(WebsocketListener.onMessage((status) -> System.out.println(status)));
				AssetsIdentifiersWS assets = sockets.assets(AssetsListener.of((asset) -> System.out.println(asset.name()),
						(asset) -> System.out.println("removed " + asset.id()), null, null, null));
				AskStreamWS ask = sockets.ask(null);
				sockets.startAll(); // never blocks, never throws
				assets.cache().awaitInitialSync(Duration.ofSeconds(10));
				PiecesCopilot copilot = new PiecesCopilot(ask, pieces);
				System.out.println(copilot.askAndWait("How do I add jitter to a retry helper?", Duration.ofSeconds(60)));
			}
			// ---- and ends here
			String answer = sim.copilot().answerFor("How do I add jitter to a retry helper?");
			await().untilAsserted(() -> assertThat(printed.toString(StandardCharsets.UTF_8)).contains(answer)
				.contains("Retry helper")
				.contains("Jitter notes"));
		}
		finally {
			System.setOut(originalOut);
		}
	}

}
