package app.pieces.websocket;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.model.QGPTRelevanceInput;
import app.pieces.model.QGPTStreamInput;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the way {@link AskStreamWS} drains its queue when the connection changes under a write.
 */
class AskStreamDrainTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces);

	@Test
	void messageWhoseWriteFailedWhileTheSocketReconnectedShouldBeSentOnTheNewConnection() {
		AtomicInteger opens = new AtomicInteger();
		AskStreamWS ask = this.sockets.manager().ask(WebsocketListener.of(null, opens::incrementAndGet, null, null));
		ask.start();
		await().atMost(WAIT).until(() -> opens.get() == 1);
		AtomicBoolean dropped = new AtomicBoolean();
		AtomicBoolean reconnected = new AtomicBoolean();
		// the write finds the old session closed...
		ask.beforeWriteHook = () -> {
			if (dropped.compareAndSet(false, true)) {
				ask.resync();
			}
		};
		// ...and before the drain puts the message back, the socket is open again and onConnected() has run
		ask.afterUnsentHook = () -> {
			if (reconnected.compareAndSet(false, true)) {
				await().atMost(WAIT).until(() -> opens.get() == 2);
			}
		};
		String request = UUID.randomUUID().toString();
		CompletableFuture<Void> sent = ask.sendMessage(
				QGPTStreamInput.ofRelevance(request, null, QGPTRelevanceInput.question("Sent despite the race?", null, null)));

		await().atMost(WAIT).until(sent::isDone);
		assertThat(sent).isCompleted();
		assertThat(reconnected).isTrue();
		assertThat(ask.isConnected()).isTrue();
		assertThat(ask.queuedMessages()).isZero();
		await().atMost(WAIT).until(() -> pieces.simulator().copilot().isInFlight(request)
				|| pieces.simulator().copilot().receivedInputs().stream().anyMatch((input) -> input.contains(request)));
	}

}
