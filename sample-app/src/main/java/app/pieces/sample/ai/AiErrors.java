package app.pieces.sample.ai;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import app.pieces.ai.PiecesRetrievalException;

/**
 * How the Spring AI endpoints answer failures, as problem details: 422 for what will fail again (an unknown model,
 * a subscription required), 503 for what may work later (Pieces OS busy, unreachable or silent).
 *
 * @author Pieces starter team
 */
@RestControllerAdvice(assignableTypes = { ChatController.class, KnowledgeController.class })
class AiErrors {

	private static final Log logger = LogFactory.getLog(AiErrors.class);

	@ExceptionHandler
	ProblemDetail nonTransient(NonTransientAiException ex) {
		logger.info("Pieces Copilot will not answer: " + ex.getMessage());
		return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, String.valueOf(ex.getMessage()));
	}

	@ExceptionHandler
	ProblemDetail transientFailure(TransientAiException ex) {
		logger.info("Pieces Copilot could not answer now: " + ex.getMessage());
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, String.valueOf(ex.getMessage()));
	}

	@ExceptionHandler
	ProblemDetail retrieval(PiecesRetrievalException ex) {
		logger.info("Pieces OS could not retrieve snippets: " + ex.getMessage());
		return ProblemDetail.forStatusAndDetail(ex.isTransient() ? HttpStatus.SERVICE_UNAVAILABLE
				: HttpStatus.BAD_GATEWAY, String.valueOf(ex.getMessage()));
	}

}
