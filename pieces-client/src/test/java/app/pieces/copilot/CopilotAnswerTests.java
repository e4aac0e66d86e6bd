package app.pieces.copilot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import app.pieces.model.QGPTStreamEnum;
import app.pieces.model.QGPTStreamOutput;

import static app.pieces.copilot.CopilotFrames.chunk;
import static app.pieces.copilot.CopilotFrames.fixture;
import static app.pieces.copilot.CopilotFrames.frame;
import static app.pieces.copilot.CopilotFrames.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CopilotAnswer}: how frames of one answer are assembled and how it ends.
 */
class CopilotAnswerTests {

	private final List<CopilotAnswer> stopsSent = new ArrayList<>();

	private final List<CopilotAnswer> finished = new ArrayList<>();

	private CopilotAnswer answer(CopilotRequest request) {
		return new CopilotAnswer("e5b38f66-a039-4a3b-9004-fb6d512939e2", 1, request, null, new CopilotAnswer.Owner() {

			@Override
			public void sendStop(CopilotAnswer answer) {
				CopilotAnswerTests.this.stopsSent.add(answer);
			}

			@Override
			public void finished(CopilotAnswer answer) {
				CopilotAnswerTests.this.finished.add(answer);
			}

		}, AskObservation.NOOP);
	}

	@Test
	void fixtureSequenceShouldConcatenateTheDeltasAndTolerateInitialized() {
		CopilotAnswer answer = answer(CopilotRequest.of("How do I add jitter to this retry helper?"));
		List<String> chunks = new ArrayList<>();
		answer.onChunk(chunks::add);
		List<QGPTStreamOutput> frames = CopilotFrames.sequenceFixture();
		assertThat(frames.get(0).status()).isEqualTo(QGPTStreamEnum.INITIALIZED);
		frames.forEach(answer::handle);
		assertThat(chunks).hasSize(5);
		assertThat(answer.text().join()).isEqualTo(String.join("", chunks))
			.startsWith("Add a random component to each sleep")
			.endsWith("instead of hitting the server together.");
		assertThat(answer.completion().join().status()).isEqualTo(QGPTStreamEnum.COMPLETED);
		assertThat(answer.conversationId()).isCompletedWithValue("e671234d-be69-49c0-9900-e8fae48d24b9");
		assertThat(answer.outcome()).contains(CopilotOutcome.SUCCESS);
		assertThat(this.finished).containsExactly(answer);
	}

	@Test
	void failedFrameShouldCompleteExceptionallyWithErrorMessageAndStatusCode() {
		CopilotAnswer answer = answer(CopilotRequest.of("question"));
		answer.handle(frame(fixture("qgpt-stream-output-failed.json")));
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> answer.text().join())
			.havingCause()
			.isInstanceOfSatisfying(CopilotFailedException.class, (ex) -> {
				assertThat(ex.getErrorMessage()).isEqualTo("UserSubscriptionRequired");
				assertThat(ex.getStatusCode()).isEqualTo(401);
				assertThat(ex.getStatus()).isEqualTo("FAILED");
				assertThat(ex.getMessage()).contains("UserSubscriptionRequired", "401");
			});
		assertThat(answer.completion()).isCompletedExceptionally();
		assertThat(answer.outcome()).contains(CopilotOutcome.FAILED);
	}

	@Test
	void stoppedFrameShouldCancelTheAnswer() {
		CopilotAnswer answer = answer(CopilotRequest.of("question"));
		answer.handle(chunk("e5b38f66-a039-4a3b-9004-fb6d512939e2", "e671234d-be69-49c0-9900-e8fae48d24b9", "partial"));
		answer.handle(frame(fixture("qgpt-stream-output-stopped.json")));
		assertThat(answer.text()).isCancelled();
		assertThatExceptionOfType(CopilotCancelledException.class).isThrownBy(() -> answer.text().join())
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo("STOPPED"));
		assertThat(answer.textSoFar()).isEqualTo("partial");
		assertThat(answer.outcome()).contains(CopilotOutcome.CANCELLED);
	}

	@Test
	void resetAndCanceledShouldCancelAndUnknownStatusShouldFail() {
		CopilotAnswer reset = answer(CopilotRequest.of("question"));
		reset.handle(status("r", "c", "RESET"));
		assertThat(reset.text()).isCancelled();
		CopilotAnswer canceled = answer(CopilotRequest.of("question"));
		canceled.handle(status("r", "c", "CANCELED"));
		assertThat(canceled.text()).isCancelled();
		CopilotAnswer unknown = answer(CopilotRequest.of("question"));
		unknown.handle(status("r", "c", "SOMETHING-NEW"));
		assertThat(unknown.text()).isCompletedExceptionally().isNotCancelled();
		assertThat(unknown.outcome()).contains(CopilotOutcome.FAILED);
	}

	@Test
	void stopShouldSendAStopFrameAndCancelOnce() {
		CopilotAnswer answer = answer(CopilotRequest.of("question"));
		assertThat(answer.stop()).isTrue();
		assertThat(answer.stop()).isFalse();
		assertThat(this.stopsSent).containsExactly(answer);
		assertThat(answer.text()).isCancelled();
		assertThat(answer.completion()).isCancelled();
		assertThat(answer.conversationId()).isCompletedExceptionally();
		answer.handle(status("r", "c", "COMPLETED"));
		assertThat(answer.outcome()).contains(CopilotOutcome.CANCELLED);
	}

	@Test
	void questionWrittenAfterPiecesOsCompletedTheAnswerShouldGetNoStopFrame() {
		CopilotAnswer answer = answer(CopilotRequest.of("question"));
		answer.handle(status("e5b38f66-a039-4a3b-9004-fb6d512939e2", "c", "COMPLETED"));
		CompletableFuture<Void> written = CompletableFuture.completedFuture(null);
		answer.sending(written);
		assertThat(answer.outcome()).contains(CopilotOutcome.SUCCESS);
		assertThat(written).isCompleted().isNotCancelled();
		assertThat(this.stopsSent).isEmpty();
	}

	@Test
	void questionWrittenAfterPiecesOsFailedTheAnswerShouldGetNoStopFrame() {
		CopilotAnswer answer = answer(CopilotRequest.of("question"));
		answer.handle(frame(fixture("qgpt-stream-output-failed.json")));
		answer.sending(CompletableFuture.completedFuture(null));
		assertThat(answer.outcome()).contains(CopilotOutcome.FAILED);
		assertThat(this.stopsSent).isEmpty();
	}

	@Test
	void questionBeingWrittenAfterPiecesOsCancelledTheAnswerShouldGetNoStopFrame() {
		CopilotAnswer answer = answer(CopilotRequest.of("question"));
		answer.handle(status("e5b38f66-a039-4a3b-9004-fb6d512939e2", "c", "RESET"));
		answer.sending(beingWritten());
		assertThat(answer.outcome()).contains(CopilotOutcome.CANCELLED);
		assertThat(this.stopsSent).isEmpty();
	}

	@Test
	void questionWrittenAfterTheCallerStoppedTheAnswerShouldGetAStopFrame() {
		CopilotAnswer answer = answer(CopilotRequest.of("question"));
		assertThat(answer.stop()).isTrue();
		this.stopsSent.clear();
		answer.sending(CompletableFuture.completedFuture(null));
		assertThat(this.stopsSent).containsExactly(answer);
	}

	@Test
	void questionBeingWrittenWhenTheAnswerTimedOutShouldGetAStopFrame() {
		CopilotAnswer answer = answer(CopilotRequest.of("question"));
		answer.fail(CopilotOutcome.TIMEOUT, new CopilotTimeoutException(answer.requestId(), Duration.ofSeconds(1),
				"timed out"));
		answer.sending(beingWritten());
		assertThat(this.stopsSent).containsExactly(answer);
	}

	@Test
	void questionStillQueuedWhenTheAnswerEndedShouldBeWithdrawnWithoutAStopFrame() {
		CopilotAnswer answer = answer(CopilotRequest.of("question"));
		answer.stop();
		this.stopsSent.clear();
		CompletableFuture<Void> queued = new CompletableFuture<>();
		answer.sending(queued);
		assertThat(queued).isCancelled();
		assertThat(this.stopsSent).isEmpty();
	}

	@Test
	void stopFrameShouldBeClaimedOnce() {
		CopilotAnswer answer = answer(CopilotRequest.of("question"));
		assertThat(answer.claimStopFrame()).isTrue();
		assertThat(answer.claimStopFrame()).isFalse();
	}

	/**
	 * A write in progress, as the socket hands it out: it refuses to be cancelled.
	 */
	private static CompletableFuture<Void> beingWritten() {
		return new CompletableFuture<>() {

			@Override
			public boolean cancel(boolean mayInterruptIfRunning) {
				return false;
			}

		};
	}

	@Test
	void cancellingTheTextFutureShouldStopTheAnswer() {
		CopilotAnswer answer = answer(CopilotRequest.of("question"));
		answer.text().cancel(true);
		assertThat(this.stopsSent).containsExactly(answer);
		assertThat(answer.outcome()).contains(CopilotOutcome.CANCELLED);
		assertThat(this.finished).containsExactly(answer);
	}

	@Test
	void followUpShouldKnowItsConversationBeforeAnyFrame() {
		CopilotAnswer answer = answer(CopilotRequest.builder("question").conversation("c-1").build());
		assertThat(answer.conversationId()).isCompletedWithValue("c-1");
	}

	@Test
	void textOnTheTerminalFrameShouldBeIgnored() {
		CopilotAnswer answer = answer(CopilotRequest.of("question"));
		answer.handle(chunk("r", "c", "delta"));
		answer.handle(frame("{\"request\":\"r\",\"conversation\":\"c\",\"status\":\"COMPLETED\","
				+ "\"question\":{\"answers\":{\"iterable\":[{\"score\":0,\"text\":\"delta\"}]}}}"));
		assertThat(answer.text()).isCompletedWithValue("delta");
	}

	@Test
	void failureShouldReachLateSubscribersOfTheChunkPublisher() {
		CopilotAnswer answer = answer(CopilotRequest.of("question"));
		answer.handle(chunk("r", "c", "one"));
		answer.fail(CopilotOutcome.TIMEOUT, new CopilotTimeoutException("r", java.time.Duration.ofMillis(5), "silent"));
		ChunkStreamTests.RecordingSubscriber subscriber = new ChunkStreamTests.RecordingSubscriber();
		answer.chunks().subscribe(subscriber);
		subscriber.subscription().request(5);
		assertThat(subscriber.items).containsExactly("one");
		assertThat(subscriber.error).isInstanceOf(CopilotTimeoutException.class);
	}

}
