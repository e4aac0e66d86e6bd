package app.pieces.ai;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;

import app.pieces.client.PiecesApiException;
import app.pieces.client.PiecesStatus;
import app.pieces.client.PiecesUnavailableException;
import app.pieces.copilot.CopilotCancelledException;
import app.pieces.copilot.CopilotConnectionLostException;
import app.pieces.copilot.CopilotException;
import app.pieces.copilot.CopilotFailedException;
import app.pieces.copilot.CopilotTimeoutException;
import app.pieces.copilot.UnknownModelException;

/**
 * Translates the copilot's exceptions into Spring AI's {@link TransientAiException} (worth retrying: Pieces OS
 * overloaded, rate limited, unreachable, silent or disconnected) and {@link NonTransientAiException} (retrying
 * the same prompt fails again: unknown model, bad request, subscription required, stopped). The original
 * exception is always the cause, and its message (which, for a {@code FAILED} answer, holds the
 * {@code errorMessage} and {@code statusCode} Pieces OS sent) is kept as the message.
 */
final class PiecesAiExceptions {

	private PiecesAiExceptions() {
	}

	/**
	 * Translate a failure of the copilot.
	 * @param failure the failure, possibly wrapped in a {@link CompletionException}
	 * @return the exception to throw or signal
	 */
	static RuntimeException translate(Throwable failure) {
		Throwable ex = unwrap(failure);
		if (ex instanceof CopilotFailedException failed) {
			return isTransient(failed.getStatusCode()) ? new TransientAiException(failed.getMessage(), failed)
					: new NonTransientAiException(failed.getMessage(), failed);
		}
		if (ex instanceof UnknownModelException unknownModel) {
			return new NonTransientAiException(unknownModel.getMessage(), unknownModel);
		}
		if (ex instanceof CopilotTimeoutException || ex instanceof CopilotConnectionLostException
				|| ex instanceof PiecesUnavailableException) {
			return new TransientAiException(String.valueOf(ex.getMessage()), ex);
		}
		if (ex instanceof PiecesApiException api) {
			return PiecesStatus.isTransient(api) ? new TransientAiException(String.valueOf(api.getMessage()), api)
					: new NonTransientAiException(String.valueOf(api.getMessage()), api);
		}
		if (ex instanceof CopilotCancelledException cancelled) {
			return new NonTransientAiException(String.valueOf(cancelled.getMessage()), cancelled);
		}
		if (ex instanceof CopilotException copilot) {
			return new NonTransientAiException(String.valueOf(copilot.getMessage()), copilot);
		}
		if (ex instanceof RuntimeException runtime) {
			return runtime;
		}
		return new NonTransientAiException(String.valueOf(ex.getMessage()), ex);
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable ex = failure;
		while ((ex instanceof CompletionException || ex instanceof ExecutionException) && ex.getCause() != null) {
			ex = ex.getCause();
		}
		return ex;
	}

	private static boolean isTransient(@org.jspecify.annotations.Nullable Integer statusCode) {
		return statusCode != null && PiecesStatus.isTransient(statusCode);
	}

}
