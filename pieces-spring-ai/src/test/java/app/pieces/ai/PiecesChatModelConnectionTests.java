package app.pieces.ai;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import reactor.test.StepVerifier;

import app.pieces.client.PiecesClient;
import app.pieces.copilot.CopilotConnectionLostException;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.simulator.PiecesOsSimulatorExtension;
import app.pieces.simulator.SimulatorCopilot;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.ReconnectSettings;
import app.pieces.websocket.WebsocketListener;
import app.pieces.websocket.WebsocketSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PiecesChatModel} when the connection to Pieces OS or the calling thread goes away: the
 * caller always gets an error, never a stream that hangs. Own simulator, because it is restarted.
 */
class PiecesChatModelConnectionTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().build();

	private PiecesClient client;

	private PiecesWebsocketManager manager;

	private AskStreamWS askStream;

	private PiecesCopilot copilot;

	@BeforeEach
	void connect() {
		await().atMost(Duration.ofSeconds(20)).until(pieces.simulator()::isRunning);
		this.client = PiecesClient.builder().baseUrl(pieces.simulator().baseUrl()).build();
		this.manager = new PiecesWebsocketManager(this.client, WebsocketSettings.defaults()
			.withReconnect(ReconnectSettings.defaults().withIntervals(Duration.ofMillis(50), Duration.ofMillis(500))));
		this.askStream = this.manager.ask(new WebsocketListener<>() {
		});
		this.manager.startAll();
		await().atMost(Duration.ofSeconds(10)).until(this.askStream::isConnected);
		this.copilot = PiecesCopilot.builder(this.askStream, this.client).build();
	}

	@AfterEach
	void close() {
		this.copilot.close();
		this.manager.close();
		this.client.close();
		pieces.simulator().copilot().reset();
	}

	@Test
	void streamWhenPiecesOsGoesAwayShouldFailTransientWithConnectionLost() {
		pieces.simulator().copilot().silent(true);
		PiecesChatModel chatModel = new PiecesChatModel(this.copilot);

		StepVerifier.create(chatModel.stream(new Prompt("Still there?")))
			.then(() -> {
				awaitInFlight("Still there?");
				pieces.simulator().restart(Duration.ofMillis(100));
			})
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TransientAiException.class)
				.hasCauseInstanceOf(CopilotConnectionLostException.class))
			.verify(Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(20)).until(pieces.simulator()::isRunning);
	}

	@Test
	void callWhenTheCallerIsInterruptedShouldStopTheAnswerAndKeepTheInterruptFlag() throws Exception {
		pieces.simulator().copilot().silent(true);
		ChatClient chatClient = ChatClient.create(new PiecesChatModel(this.copilot));
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicBoolean interruptFlagKept = new AtomicBoolean();
		Thread caller = new Thread(() -> {
			try {
				chatClient.prompt("Wait for me").call().content();
			}
			catch (Throwable ex) {
				failure.set(ex);
				interruptFlagKept.set(Thread.currentThread().isInterrupted());
			}
		}, "interrupted-chat-caller");
		caller.start();
		String requestId = awaitInFlight("Wait for me");

		caller.interrupt();
		caller.join(Duration.ofSeconds(10).toMillis());

		assertThat(caller.isAlive()).isFalse();
		assertThat(failure.get()).isInstanceOf(NonTransientAiException.class).hasMessageContaining("Interrupted");
		assertThat(interruptFlagKept).isTrue();
		assertThat(this.copilot.activeAnswers()).isEmpty();
		// the stop frame reached Pieces OS on the same, still open socket
		await().atMost(Duration.ofSeconds(10)).until(() -> !pieces.simulator().copilot().isInFlight(requestId));
		assertThat(pieces.simulator().copilot().sawStop(requestId)).isTrue();
		assertThat(this.askStream.isConnected()).isTrue();
	}

	/**
	 * Wait until Pieces OS holds the question with this text and return its request id.
	 */
	private static String awaitInFlight(String question) {
		SimulatorCopilot simulated = pieces.simulator().copilot();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> simulated.lastRequestFor(question).filter(simulated::isInFlight).isPresent());
		return simulated.lastRequestFor(question).orElseThrow();
	}

}
