package app.pieces.sample.ai;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.ai.tool.execution.ToolExecutionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

import app.pieces.ai.PiecesRetrievalException;
import app.pieces.client.PiecesUnavailableException;

/**
 * How the Spring AI endpoints answer failures, as problem details: 422 for what will fail again (an unknown model,
 * a subscription required), 503 for what may work later (Pieces OS busy, unreachable or silent), 502 for a Pieces
 * tool that answered with an error.
 *
 * @author Pieces starter team
 */
@RestControllerAdvice(assignableTypes = { ChatController.class, KnowledgeController.class, ToolsController.class })
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
	ProblemDetail rejected(ResponseStatusException ex) {
		// with its reason as the detail, which Boot's default error page would leave out
		ProblemDetail problem = ex.getBody();
		problem.setProperty("reason", ex.getReason());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail toolFailed(ToolExecutionException ex) {
		boolean away = ex.getCause() instanceof PiecesUnavailableException;
		logger.info("A Pieces MCP tool failed: " + ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(
				away ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY, String.valueOf(ex.getMessage()));
		// the tools contract's "reason", also under the problem detail's own name
		problem.setProperty("reason", problem.getDetail());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail retrieval(PiecesRetrievalException ex) {
		logger.info("Pieces OS could not retrieve snippets: " + ex.getMessage());
		return ProblemDetail.forStatusAndDetail(ex.isTransient() ? HttpStatus.SERVICE_UNAVAILABLE
				: HttpStatus.BAD_GATEWAY, String.valueOf(ex.getMessage()));
	}

}
