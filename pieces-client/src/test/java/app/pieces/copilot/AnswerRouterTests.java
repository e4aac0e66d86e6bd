package app.pieces.copilot;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import app.pieces.client.PiecesClient;
import app.pieces.model.QGPTStreamOutput;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.PiecesWebsocketManager;

import static app.pieces.copilot.CopilotFrames.chunk;
import static app.pieces.copilot.CopilotFrames.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AnswerRouter}, the demultiplexer of copilot frames. The routers live on sockets that are never
 * started: a router only uses its socket's request ids, and each test gets sockets of its own.
 */
class AnswerRouterTests {

	private static PiecesClient client;

	private static PiecesWebsocketManager manager;

	private final AskStreamWS socket = manager.ask(null);

	private final AnswerRouter router = new AnswerRouter(this.socket);

	private final List<CopilotAnswer> stopped = new ArrayList<>();

	private long sequence;

	@BeforeAll
	static void createManager() {
		client = PiecesClient.builder().baseUrl("http://127.0.0.1:39300").build();
		manager = new PiecesWebsocketManager(client);
	}

	@AfterAll
	static void closeManager() {
		manager.close();
		client.close();
	}

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

	private static CopilotAnswer answerOf(AnswerRouter router, String requestId, long sequence) {
		CopilotAnswer answer = new CopilotAnswer(requestId, sequence, CopilotRequest.of("question " + requestId), null,
				new CopilotAnswer.Owner() {

					@Override
					public void sendStop(CopilotAnswer answer) {
					}

					@Override
					public void finished(CopilotAnswer answer) {
						router.finished(answer);
					}

				}, AskObservation.NOOP);
		router.register(answer);
		return answer;
	}

	private void deliver(QGPTStreamOutput frame) {
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
	void framesWithoutRequestIdShouldNeverBeGuessed() {
		CopilotAnswer waitingForNew = answer("r1", null);
		CopilotAnswer inOne = answer("r2", "c1");
		CopilotAnswer alsoInOne = answer("r3", "c1");
		CopilotAnswer inTwo = answer("r4", "c2");
		// no conversation, an unknown one, or one with two answers in flight: no single answer is provably the owner
		assertThat(this.router.route(status(null, null, "FAILED"))).isNull();
		assertThat(this.router.route(chunk(null, "c9", "injected"))).isNull();
		assertThat(this.router.route(status(null, "c1", "FAILED"))).isNull();
		assertThat(this.router.route(chunk(null, "c2", "mine"))).isSameAs(inTwo);
		assertThat(List.of(waitingForNew, inOne, alsoInOne)).noneMatch(CopilotAnswer::isDone);
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
		AnswerRouter other = new AnswerRouter(this.socket);
		CopilotAnswer mine = answer("mine", null);
		CopilotAnswer theirs = answerOf(other, "theirs", 99);
		assertThat(this.router.route(chunk("theirs", "c-other", "not mine"))).isNull();
		assertThat(other.route(chunk("theirs", "c-other", "theirs"))).isSameAs(theirs);
		assertThat(this.router.route(chunk("mine", "c-mine", "mine"))).isSameAs(mine);
		theirs.stop();
		assertThat(this.router.route(chunk("theirs", "c-other", "late"))).isNull();
		assertThat(other.route(chunk("theirs", "c-other", "late"))).isNull();
	}

	@Test
	void aliasTakenByOneRouterShouldNotBeTakenByAnother() {
		AnswerRouter other = new AnswerRouter(this.socket);
		CopilotAnswer mine = answer("mine-2", null);
		CopilotAnswer theirs = answerOf(other, "theirs-2", 0);
		assertThat(other.route(chunk("server-generated", "c-x", "x"))).isSameAs(theirs);
		assertThat(this.router.route(chunk("server-generated", "c-x", "x"))).isNull();
		assertThat(mine.isDone()).isFalse();
	}

	@Test
	void aliasOfAnEndedAnswerShouldNotBeTakenByAnyRouterOfTheSocket() {
		AnswerRouter other = new AnswerRouter(this.socket);
		CopilotAnswer aliased = answer("aliased", null);
		deliver(chunk("server-generated", "c-1", "text"));
		deliver(status("server-generated", "c-1", "COMPLETED"));
		assertThat(aliased.text()).isCompletedWithValue("text");
		CopilotAnswer mine = answer("mine-3", null);
		CopilotAnswer theirs = answerOf(other, "theirs-3", 99);
		assertThat(this.router.route(chunk("server-generated", "c-1", "late"))).isNull();
		assertThat(other.route(chunk("server-generated", "c-1", "late"))).isNull();
		assertThat(mine.textSoFar()).isEmpty();
		assertThat(theirs.textSoFar()).isEmpty();
	}

	@Test
	void routersOnDifferentSocketsShouldNotShareRequestIds() {
		AnswerRouter elsewhere = new AnswerRouter(manager.ask(null));
		CopilotAnswer ended = answer("ended-here", null);
		deliver(chunk("server-generated", "c-here", "here"));
		ended.stop();
		CopilotAnswer waitingElsewhere = answerOf(elsewhere, "waiting-elsewhere", 99);
		assertThat(elsewhere.route(chunk("ended-here", "c-elsewhere", "own"))).isSameAs(waitingElsewhere);
		assertThat(elsewhere.route(chunk("server-generated", "c-elsewhere", "own"))).isSameAs(waitingElsewhere);
		CopilotAnswer waitingHere = answer("waiting-here", null);
		assertThat(this.router.route(chunk("ended-here", "c-elsewhere", "late"))).isNull();
		assertThat(this.router.route(chunk("server-generated", "c-elsewhere", "late"))).isNull();
		assertThat(waitingHere.isDone()).isFalse();
	}

	@Test
	void frameForNoAnswerShouldBeDropped() {
		assertThat(this.router.route(chunk("nobody", "c1", "x"))).isNull();
	}

}
