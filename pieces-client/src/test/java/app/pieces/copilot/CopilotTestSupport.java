package app.pieces.copilot;

import java.time.Duration;

import app.pieces.client.PiecesClient;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.ConversationWS;
import app.pieces.websocket.ConversationsListener;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.ReconnectSettings;
import app.pieces.websocket.WebsocketListener;
import app.pieces.websocket.WebsocketSettings;

import static org.awaitility.Awaitility.await;

/**
 * A client, a websocket manager with the {@code /qgpt/stream} and conversations sockets, connected to a
 * simulator, for the copilot's integration tests.
 */
final class CopilotTestSupport implements AutoCloseable {

	final PiecesClient client;

	final PiecesWebsocketManager manager;

	final AskStreamWS askStream;

	final ConversationWS conversationWs;

	CopilotTestSupport(PiecesOsSimulator simulator) {
		this.client = PiecesClient.builder().baseUrl(simulator.baseUrl()).build();
		this.manager = new PiecesWebsocketManager(this.client, WebsocketSettings.defaults()
			.withReconnect(ReconnectSettings.defaults().withIntervals(Duration.ofMillis(50), Duration.ofMillis(500))));
		this.askStream = this.manager.ask(new WebsocketListener<>() {
		});
		this.conversationWs = this.manager.conversations(new ConversationsListener() {
		});
		this.manager.startAll();
		await().atMost(Duration.ofSeconds(10)).until(this.askStream::isConnected);
		await().atMost(Duration.ofSeconds(10)).until(this.conversationWs::isConnected);
	}

	@Override
	public void close() {
		this.manager.close();
		this.client.close();
	}

}
