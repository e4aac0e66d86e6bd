package app.pieces.copilot;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static app.pieces.copilot.CopilotFrames.chunk;
import static app.pieces.copilot.CopilotFrames.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AnswerRouter}, the demultiplexer of copilot frames.
 */
class AnswerRouterTests {

	private final AnswerRouter router = new AnswerRouter();

	private final List<CopilotAnswer> stopped = new ArrayList<>();

	private long sequence;

	private CopilotAnswer answer(String requestId, String conversationId) {
		CopilotRequest request = CopilotRequest.builder("question " + requestId).conversation(conversationId).build();
		CopilotAnswer answer = new CopilotAnswer(requestId, ++this.sequence, request, null, new CopilotAnswer.Owner() {

			@Override
			public void sendStop(CopilotAnswer answer) {
				AnswerRouterTests.this.stopped.add(answer);
			}

			@Override
			public void finished(CopilotAnswer answer) {
				AnswerRouterTests.this.router.finished(answer);
			}

		}, AskObservation.NOOP);
		this.router.register(answer);
		return answer;
	}

	private void deliver(app.pieces.model.QGPTStreamOutput frame) {
		CopilotAnswer answer = this.router.route(frame);
		if (answer != null) {
			answer.handle(frame);
		}
	}

	@Test
	void interleavedFramesShouldReachTheAnswerOfTheirRequestId() {
		CopilotAnswer first = answer("r1", null);
		CopilotAnswer second = answer("r2", null);
		deliver(chunk("r2", "c2", "B1 "));
		deliver(chunk("r1", "c1", "A1 "));
		deliver(chunk("r2", "c2", "B2"));
		deliver(chunk("r1", "c1", "A2"));
		deliver(status("r1", "c1", "COMPLETED"));
		deliver(status("r2", "c2", "COMPLETED"));
		assertThat(first.text()).isCompletedWithValue("A1 A2");
		assertThat(second.text()).isCompletedWithValue("B1 B2");
		assertThat(first.conversationId()).isCompletedWithValue("c1");
		assertThat(second.conversationId()).isCompletedWithValue("c2");
		assertThat(this.router.inFlight()).isEmpty();
	}

	@Test
	void framesWithoutRequestIdShouldFallBackToTheConversation() {
		CopilotAnswer inOne = answer("r1", "c1");
		CopilotAnswer inTwo = answer("r2", "c2");
		deliver(chunk(null, "c2", "two"));
		deliver(chunk(null, "c1", "one"));
		deliver(status(null, "c2", "COMPLETED"));
		assertThat(inTwo.text()).isCompletedWithValue("two");
		assertThat(inOne.textSoFar()).isEqualTo("one");
		assertThat(inOne.isDone()).isFalse();
	}

	@Test
	void serverGeneratedRequestIdShouldBeAliasedToTheOldestAnswerWaitingForANewConversation() {
		CopilotAnswer older = answer("r1", null);
		CopilotAnswer newer = answer("r2", null);
		deliver(chunk("server-1", "c9", "first "));
		deliver(chunk("server-1", "c9", "answer"));
		deliver(status("server-1", "c9", "COMPLETED"));
		assertThat(older.text()).isCompletedWithValue("first answer");
		assertThat(newer.isDone()).isFalse();
		assertThat(newer.textSoFar()).isEmpty();
	}

	@Test
	void lateFramesOfAnEndedAnswerShouldBeDroppedInsteadOfReachingAnotherAnswer() {
		CopilotAnswer stoppedAnswer = answer("r1", "c1");
		CopilotAnswer followUp = answer("r2", "c1");
		assertThat(stoppedAnswer.stop()).isTrue();
		assertThat(this.stopped).containsExactly(stoppedAnswer);
		deliver(chunk("r1", "c1", "late"));
		deliver(status("r1", "c1", "STOPPED"));
		deliver(chunk("r2", "c1", "mine"));
		assertThat(followUp.textSoFar()).isEqualTo("mine");
		assertThat(stoppedAnswer.textSoFar()).isEmpty();
		assertThat(stoppedAnswer.text()).isCancelled();
	}

	@Test
	void framesOfAnotherRoutersAnswerShouldNotBeTakenByTheFallback() {
		AnswerRouter other = new AnswerRouter();
		CopilotAnswer mine = answer("mine", null);
		CopilotAnswer theirs = new CopilotAnswer("theirs", 99, CopilotRequest.of("other question"), null,
				new CopilotAnswer.Owner() {

					@Override
					public void sendStop(CopilotAnswer answer) {
					}

					@Override
					public void finished(CopilotAnswer answer) {
						other.finished(answer);
					}

				}, AskObservation.NOOP);
		other.register(theirs);
		assertThat(this.router.route(chunk("theirs", "c-other", "not mine"))).isNull();
		assertThat(other.route(chunk("theirs", "c-other", "theirs"))).isSameAs(theirs);
		assertThat(this.router.route(chunk("mine", "c-mine", "mine"))).isSameAs(mine);
		theirs.stop();
		assertThat(this.router.route(chunk("theirs", "c-other", "late"))).isNull();
	}

	@Test
	void aliasTakenByOneRouterShouldNotBeTakenByAnother() {
		AnswerRouter other = new AnswerRouter();
		CopilotAnswer mine = answer("mine-2", null);
		CopilotAnswer theirs = new CopilotAnswer("theirs-2", 0, CopilotRequest.of("other question"), null,
				new CopilotAnswer.Owner() {

					@Override
					public void sendStop(CopilotAnswer answer) {
					}

					@Override
					public void finished(CopilotAnswer answer) {
						other.finished(answer);
					}

				}, AskObservation.NOOP);
		other.register(theirs);
		assertThat(other.route(chunk("server-generated", "c-x", "x"))).isSameAs(theirs);
		assertThat(this.router.route(chunk("server-generated", "c-x", "x"))).isNull();
		assertThat(mine.isDone()).isFalse();
	}

	@Test
	void frameForNoAnswerShouldBeDropped() {
		assertThat(this.router.route(chunk("nobody", "c1", "x"))).isNull();
	}

}
