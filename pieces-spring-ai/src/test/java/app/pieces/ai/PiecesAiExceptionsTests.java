package app.pieces.ai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;

import app.pieces.client.PiecesApiException;
import app.pieces.client.PiecesUnavailableException;
import app.pieces.copilot.CopilotCancelledException;
import app.pieces.copilot.CopilotConnectionLostException;
import app.pieces.copilot.CopilotFailedException;
import app.pieces.copilot.CopilotTimeoutException;
import app.pieces.copilot.UnknownModelException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PiecesAiExceptions}.
 */
class PiecesAiExceptionsTests {

	@Test
	void failedAnswerWithClientErrorShouldBeNonTransientAndKeepTheErrorMessage() {
		CopilotFailedException failed = new CopilotFailedException("r1", "FAILED", 401, "UserSubscriptionRequired");

		RuntimeException translated = PiecesAiExceptions.translate(new CompletionException(failed));

		assertThat(translated).isInstanceOf(NonTransientAiException.class)
			.hasMessageContaining("UserSubscriptionRequired")
			.hasMessageContaining("401")
			.hasCause(failed);
	}

	@Test
	void failedAnswerWithRateLimitOrServerErrorShouldBeTransient() {
		for (int statusCode : new int[] { 408, 429, 500, 503 }) {
			CopilotFailedException failed = new CopilotFailedException("r1", "FAILED", statusCode, "busy");
			assertThat(PiecesAiExceptions.translate(failed)).isInstanceOf(TransientAiException.class).hasCause(failed);
		}
	}

	@Test
	void failedAnswerWithoutStatusCodeShouldBeNonTransient() {
		CopilotFailedException failed = new CopilotFailedException("r1", "UNKNOWN", null, null);

		assertThat(PiecesAiExceptions.translate(failed)).isInstanceOf(NonTransientAiException.class).hasCause(failed);
	}

	@Test
	void unknownModelShouldBeNonTransientAndListTheModels() {
		UnknownModelException unknown = new UnknownModelException("GPT-9", List.of("GPT-4o Chat Model"));

		assertThat(PiecesAiExceptions.translate(unknown)).isInstanceOf(NonTransientAiException.class)
			.hasMessageContaining("GPT-9")
			.hasMessageContaining("GPT-4o Chat Model")
			.hasCause(unknown);
	}

	@Test
	void timeoutsLostConnectionsAndUnreachablePiecesShouldBeTransient() {
		assertThat(PiecesAiExceptions.translate(new CopilotTimeoutException("r1", Duration.ofSeconds(1), "silent")))
			.isInstanceOf(TransientAiException.class);
		assertThat(PiecesAiExceptions.translate(new CopilotConnectionLostException("r1", "closed", null)))
			.isInstanceOf(TransientAiException.class);
		assertThat(PiecesAiExceptions.translate(new PiecesUnavailableException("down")))
			.isInstanceOf(TransientAiException.class);
		assertThat(PiecesAiExceptions.translate(new PiecesApiException("bad gateway", 502, null)))
			.isInstanceOf(TransientAiException.class);
		assertThat(PiecesAiExceptions.translate(new PiecesApiException("not found", 404, null)))
			.isInstanceOf(NonTransientAiException.class);
	}

	@Test
	void stoppedAnswerShouldBeNonTransient() {
		CopilotCancelledException cancelled = new CopilotCancelledException("r1", "STOPPED", "stopped");

		assertThat(PiecesAiExceptions.translate(cancelled)).isInstanceOf(NonTransientAiException.class)
			.hasCause(cancelled);
	}

	@Test
	void otherRuntimeExceptionsShouldPassUnchanged() {
		IllegalStateException ex = new IllegalStateException("closed");

		assertThat(PiecesAiExceptions.translate(new CompletionException(ex))).isSameAs(ex);
	}

}
