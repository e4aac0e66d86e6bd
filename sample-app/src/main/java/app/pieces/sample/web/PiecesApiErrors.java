package app.pieces.sample.web;

import app.pieces.client.PiecesApiException;
import app.pieces.client.PiecesNotFoundException;
import app.pieces.client.PiecesUnavailableException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How the controllers that call Pieces OS answer its failures, as problem details: an unknown id is a
 * {@code 404}, bad input a {@code 400}, what Pieces OS refuses its own 4xx (e.g. {@code 413} for a text too large),
 * its server errors a {@code 502}, and an absent Pieces OS a {@code 503}.
 *
 * @author Pieces starter team
 */
@RestControllerAdvice(assignableTypes = { AssetsController.class, ConversationsController.class,
		SearchController.class })
class PiecesApiErrors {

	@ExceptionHandler
	ProblemDetail notFound(PiecesNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Pieces OS has no such item");
	}

	@ExceptionHandler
	ProblemDetail badRequest(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.valueOf(ex.getMessage()));
	}

	@ExceptionHandler
	ProblemDetail refused(PiecesApiException ex) {
		HttpStatus status = HttpStatus.resolve(ex.getStatusCode());
		boolean clientError = status != null && status.is4xxClientError();
		return ProblemDetail.forStatusAndDetail(clientError ? status : HttpStatus.BAD_GATEWAY,
				String.valueOf(ex.getMessage()));
	}

	@ExceptionHandler
	ProblemDetail unavailable(PiecesUnavailableException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Pieces OS is not reachable");
	}

}
