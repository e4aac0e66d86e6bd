package app.pieces.copilot;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import app.pieces.client.PiecesClient;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.WebsocketListener;

/**
 * Asks one question through the whole stack (client, manager, socket, copilot). Loaded by
 * {@link PiecesCopilotWithoutOptionalDependenciesTests} in a class loader that hides Reactor and Micrometer.
 */
public class NoOptionalDependenciesScenario implements Function<String, String> {

	@Override
	public String apply(String baseUrl) {
		try (PiecesClient client = PiecesClient.builder().baseUrl(baseUrl).build();
				PiecesWebsocketManager manager = new PiecesWebsocketManager(client)) {
			AskStreamWS askStream = manager.ask(new WebsocketListener<>() {
			});
			try (PiecesCopilot copilot = new PiecesCopilot(askStream, client,
					CopilotSettings.defaults().withTimeout(Duration.ofSeconds(10)))) {
				manager.startAll();
				CopilotAnswer answer = copilot.ask("How do I add jitter to this retry helper?");
				return answer.text().get(20, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
