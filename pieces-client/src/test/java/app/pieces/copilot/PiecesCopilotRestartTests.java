package app.pieces.copilot;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import app.pieces.simulator.PiecesOsSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PiecesCopilot} when Pieces OS restarts in the middle of an answer. The simulator streams
 * slowly here (600 ms between frames) and the restart is triggered by the first chunk, so the answer is still in
 * flight when the simulator goes away.
 */
class PiecesCopilotRestartTests {

	private static final String FIXTURE_QUESTION = "How do I add jitter to this retry helper?";

	private static PiecesOsSimulator simulator;

	private static CopilotTestSupport support;

	private static PiecesCopilot copilot;

	@BeforeAll
	static void startSimulator() {
		simulator = PiecesOsSimulator.builder().chunkDelay(Duration.ofMillis(600)).start();
		support = new CopilotTestSupport(simulator);
		copilot = new PiecesCopilot(support.askStream, support.client);
	}

	@AfterAll
	static void stopSimulator() {
		copilot.close();
		support.close();
		simulator.close();
	}

	@Test
	void restartMidAnswerShouldFailThatAnswerAndTheNextQuestionShouldSucceedAfterReconnect() throws Exception {
		CompletableFuture<String> firstChunk = new CompletableFuture<>();
		CopilotAnswer interrupted = copilot.ask(FIXTURE_QUESTION).onChunk((chunk) -> {
			if (firstChunk.complete(chunk)) {
				// go away right away (asynchronously), while the remaining chunks are still to come, and stay
				// away until the test brings Pieces OS back
				simulator.restart(Duration.ofMinutes(5));
			}
		});
		firstChunk.get(10, TimeUnit.SECONDS);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> interrupted.text().join())
			.havingCause()
			.isInstanceOf(CopilotConnectionLostException.class)
			.withMessageContaining("not re-sent");
		assertThat(interrupted.outcome()).contains(CopilotOutcome.CONNECTION_LOST);
		assertThat(interrupted.textSoFar()).startsWith(firstChunk.get());
		assertThat(interrupted.textSoFar()).isNotEqualTo(simulator.copilot().answerFor(FIXTURE_QUESTION));

		await().atMost(Duration.ofSeconds(10)).until(() -> !support.askStream.isConnected());
		CopilotAnswer next = copilot.ask(FIXTURE_QUESTION);
		simulator.restart(Duration.ZERO);
		assertThat(next.text().get(20, TimeUnit.SECONDS)).isEqualTo(simulator.copilot().answerFor(FIXTURE_QUESTION));
		assertThat(support.askStream.isConnected()).isTrue();
		assertThat(simulator.copilot().receivedInputs())
			.filteredOn((input) -> input.contains(interrupted.requestId()))
			.as("the interrupted question is not re-sent after the reconnect")
			.hasSize(1);
		assertThat(simulator.copilot().receivedInputs()).filteredOn((input) -> input.contains(next.requestId()))
			.as("the question asked while reconnecting is sent exactly once")
			.hasSize(1);
	}

}
