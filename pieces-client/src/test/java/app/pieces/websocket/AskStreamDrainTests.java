package app.pieces.websocket;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.model.QGPTRelevanceInput;
import app.pieces.model.QGPTStreamInput;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the way {@link AskStreamWS} drains its queue when the connection changes under a write, and drops it
 * when the socket closes. Pieces OS is kept down with {@code restart(5 min)} and brought back with
 * {@code restart(ZERO)}, so no reconnect can win a race against the test.
 */
class AskStreamDrainTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces);

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	@BeforeEach
	@AfterEach
	void bringPiecesOsBack() {
		if (!sim().isRunning()) {
			sim().restart(Duration.ZERO);
		}
		await().atMost(WAIT).until(sim()::isRunning);
	}

	@Test
	void messageWhoseWriteFailedWhileTheSocketReconnectedShouldBeSentOnTheNewConnection() {
		AtomicInteger opens = new AtomicInteger();
		SteppedWrites hooks = new SteppedWrites();
		AskStreamWS ask = new AskStreamWS(this.sockets.manager(), WebsocketListener.of(null, opens::incrementAndGet,
				null, null), hooks);
		ask.start();
		await().atMost(WAIT).until(() -> opens.get() == 1);
		AtomicBoolean dropped = new AtomicBoolean();
		AtomicBoolean reconnected = new AtomicBoolean();
		// the write finds the old session closed, and Pieces OS down: no reconnect can open a session meanwhile...
		hooks.beforeWrite = () -> {
			if (dropped.compareAndSet(false, true)) {
				sim().restart(Duration.ofMinutes(5));
				await().atMost(WAIT).until(() -> !ask.isConnected());
			}
		};
		// ...and before the drain puts the message back, the socket is open again and onConnected() has run
		hooks.afterUnsent = () -> {
			if (reconnected.compareAndSet(false, true)) {
				sim().restart(Duration.ZERO);
				await().atMost(WAIT).until(() -> opens.get() == 2);
			}
		};
		String request = UUID.randomUUID().toString();
		CompletableFuture<Void> sent = ask.sendMessage(question(request, "Sent despite the race?"));

		await().atMost(WAIT).until(sent::isDone);
		assertThat(sent).isCompleted();
		assertThat(dropped).isTrue();
		assertThat(reconnected).isTrue();
		assertThat(ask.isConnected()).isTrue();
		assertThat(ask.queuedMessages()).isZero();
		await().atMost(WAIT).until(() -> received(request));
	}

	@Test
	void messageQueuedWhenTheSocketClosedShouldFailAndNeverBeSentAfterALaterStart() {
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean holdExecutor = new AtomicBoolean();
		AtomicBoolean executorHeld = new AtomicBoolean();
		// a failed connect reports onError on the socket's serial executor: hold that executor there on demand
		AskStreamWS ask = this.sockets.manager().ask(WebsocketListener.of(null, null, (error) -> {
			if (holdExecutor.compareAndSet(true, false)) {
				executorHeld.set(true);
				await().atMost(WAIT).until(() -> release.getCount() == 0);
			}
		}, null));
		try {
			ask.start();
			await().atMost(WAIT).until(ask::isConnected);
			// Pieces OS closed the session: it is down, the message waits for a connection
			sim().restart(Duration.ofMinutes(5));
			await().atMost(WAIT).until(() -> !ask.isConnected());
			String request = UUID.randomUUID().toString();
			CompletableFuture<Void> queued = ask.sendMessage(question(request, "Queued, then closed"));
			assertThat(ask.queuedMessages()).isOne();
			holdExecutor.set(true);
			await().atMost(WAIT).until(executorHeld::get);

			// close and start again while the hooks of close() still wait for the executor
			ask.close();
			ask.start();
			sim().restart(Duration.ZERO);
			await().atMost(WAIT).until(ask::isConnected);
			assertThat(ask.queuedMessages()).as("taken from the queue by close()").isZero();
			assertThat(queued).isNotDone();

			release.countDown();
			await().atMost(WAIT).until(queued::isDone);
			assertThat(queued).isCompletedExceptionally();
			String later = UUID.randomUUID().toString();
			ask.sendMessage(question(later, "Sent after the new start")).join();
			await().atMost(WAIT).until(() -> received(later));
			assertThat(received(request)).as("the message queued before close() was sent").isFalse();
		}
		finally {
			release.countDown();
		}
	}

	private static QGPTStreamInput question(String request, String text) {
		return QGPTStreamInput.ofRelevance(request, null, QGPTRelevanceInput.question(text, null, null));
	}

	private static boolean received(String request) {
		return sim().copilot().receivedInputs().stream().anyMatch((input) -> input.contains(request));
	}

	/**
	 * Runs what a test sets around the write of a queued message.
	 */
	private static final class SteppedWrites implements AskStreamWS.WriteHooks {

		volatile Runnable beforeWrite = () -> {
		};

		volatile Runnable afterUnsent = () -> {
		};

		@Override
		public void beforeWrite() {
			this.beforeWrite.run();
		}

		@Override
		public void afterUnsent() {
			this.afterUnsent.run();
		}

	}

}
