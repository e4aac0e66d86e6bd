package app.pieces.websocket;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import app.pieces.model.QGPTStreamInput;

/**
 * Copilot sockets with a test's step after each send, for tests outside this package.
 *
 * @author Pieces starter team
 */
public final class TestAskStreams {

	private TestAskStreams() {
	}

	/**
	 * Create a copilot socket that runs {@code afterSend} on the sender's thread before
	 * {@link AskStreamWS#sendMessage(QGPTStreamInput)} returns.
	 * @param manager the manager
	 * @param afterSend given the message and the future of its write
	 * @return the socket
	 */
	public static AskStreamWS afterEachSend(PiecesWebsocketManager manager,
			BiConsumer<QGPTStreamInput, CompletableFuture<Void>> afterSend) {
		return new AskStreamWS(manager, null, new AskStreamWS.WriteHooks() {

			@Override
			public void sent(QGPTStreamInput input, CompletableFuture<Void> written) {
				afterSend.accept(input, written);
			}

		});
	}

}
