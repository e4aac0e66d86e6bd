package app.pieces.copilot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import app.pieces.client.PiecesClient;
import app.pieces.model.QGPTStreamInput;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.ConnectionState;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.ReconnectSettings;
import app.pieces.websocket.WebsocketListener;
import app.pieces.websocket.WebsocketSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for questions asked while Pieces OS is unreachable: those that end before the socket connects are never
 * sent, those still wanted are sent exactly once. Pieces OS comes up only when the test starts the simulator on the
 * port the client was given, so nothing here depends on timing.
 */
class PiecesCopilotQueuedQuestionTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final List<AutoCloseable> resources = new ArrayList<>();

	private @Nullable PiecesOsSimulator simulator;

	@AfterEach
	void closeEverything() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	@Test
	void questionsEndedWhileWaitingForPiecesOsShouldNeverBeSentOnceItComesUp() {
		int port = freePort();
		AskStreamWS askStream = askStream(port, ReconnectSettings.defaults()
			.withIntervals(Duration.ofMillis(50), Duration.ofMillis(200)));
		PiecesClient client = askStream.manager().client();
		PiecesCopilot copilot = track(new PiecesCopilot(askStream, client));
		PiecesCopilot impatient = track(
				new PiecesCopilot(askStream, client, CopilotSettings.defaults().withTimeout(Duration.ofMillis(300))));
		PiecesCopilot closing = new PiecesCopilot(askStream, client);

		CopilotAnswer stopped = copilot.ask("Stopped while waiting for Pieces OS");
		assertThat(stopped.stop()).isTrue();
		CopilotAnswer timedOut = impatient.ask("Timed out while waiting for Pieces OS");
		CopilotAnswer closed = closing.ask("Closed while waiting for Pieces OS");
		closing.close();
		CopilotAnswer cancelled = copilot.ask("Cancelled text while waiting for Pieces OS");
		cancelled.text().cancel(true);
		Disposable flux = ReactorCopilot.ask(copilot, "Cancelled flux while waiting for Pieces OS").subscribe();
		flux.dispose();
		CompletableFuture<Void> raw = askStream.sendMessage(QGPTStreamInput.resetRequest());
		assertThat(raw.cancel(false)).as("a queued message is withdrawn by cancelling its future").isTrue();
		CopilotAnswer wanted = copilot.ask("Still wanted after Pieces OS comes up");

		await().atMost(WAIT).until(timedOut::isDone);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> timedOut.text().join())
			.havingCause()
			.isInstanceOf(CopilotConnectionLostException.class)
			.withMessageContaining("never sent: Pieces OS unreachable");
		assertThat(timedOut.outcome()).contains(CopilotOutcome.CONNECTION_LOST);
		assertThat(closed.outcome()).contains(CopilotOutcome.CONNECTION_LOST);
		assertThat(cancelled.outcome()).contains(CopilotOutcome.CANCELLED);
		assertThat(askStream.isConnected()).isFalse();
		assertThat(askStream.queuedMessages()).as("only the wanted question waits for the connection").isEqualTo(1);

		PiecesOsSimulator started = startSimulator(port);
		assertThat(wanted.text().join()).isEqualTo(started.copilot().answerFor("Still wanted after Pieces OS comes up"));
		List<String> inputs = started.copilot().receivedInputs();
		assertThat(inputs).filteredOn((input) -> input.contains(wanted.requestId())).hasSize(1);
		assertThat(inputs).as("nothing but the wanted question reached Pieces OS").hasSize(1);
	}

	@Test
	void questionQueuedWhenTheSocketGivesUpShouldFailAndNeverBeSentByALaterStart() {
		int port = freePort();
		AskStreamWS askStream = askStream(port, ReconnectSettings.defaults().withEnabled(false));
		PiecesCopilot copilot = track(new PiecesCopilot(askStream, askStream.manager().client()));

		CopilotAnswer abandoned = copilot.ask("Asked while the only connect attempt fails");
		await().atMost(WAIT).until(abandoned::isDone);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> abandoned.text().join())
			.havingCause()
			.isInstanceOf(CopilotConnectionLostException.class);
		assertThat(askStream.state()).isEqualTo(ConnectionState.CLOSED);
		assertThat(askStream.queuedMessages()).isZero();

		PiecesOsSimulator started = startSimulator(port);
		askStream.start();
		await().atMost(WAIT).until(askStream::isConnected);
		CopilotAnswer next = copilot.ask("Asked after the socket was started again");
		assertThat(next.text().join()).isEqualTo(started.copilot().answerFor("Asked after the socket was started again"));
		assertThat(started.copilot().receivedInputs()).as("the abandoned question is never sent")
			.noneMatch((input) -> input.contains(abandoned.requestId()))
			.hasSize(1);
	}

	private AskStreamWS askStream(int port, ReconnectSettings reconnect) {
		PiecesClient client = track(PiecesClient.builder().baseUrl("http://127.0.0.1:" + port).build());
		PiecesWebsocketManager manager = track(
				new PiecesWebsocketManager(client, WebsocketSettings.defaults().withReconnect(reconnect)));
		return manager.ask(new WebsocketListener<>() {
		});
	}

	private PiecesOsSimulator startSimulator(int port) {
		PiecesOsSimulator started = PiecesOsSimulator.builder().port(port).start();
		this.simulator = started;
		return started;
	}

	private <T extends AutoCloseable> T track(T resource) {
		this.resources.add(resource);
		return resource;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
