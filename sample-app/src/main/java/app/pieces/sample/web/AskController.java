package app.pieces.sample.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

import app.pieces.copilot.CopilotAnswer;
import app.pieces.copilot.CopilotRequest;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.sample.live.LiveUpdates;
import app.pieces.sample.live.SseChannel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code POST /api/ask}: asks the copilot and streams the answer back as server-sent events:
 * a {@code chunk} event per piece of text ({@code {"text": "..."}}), then exactly one
 * {@code done} event ({@code {"answer": "<full text>", "conversation": "<id>"}}) or one
 * {@code error} event ({@code {"message": "...", "conversation": "<id or null>"}}).
 * <p>
 * The chunks arrive on the copilot's delivery thread; they are written to the browser on the
 * sample's own threads (see {@link SseChannel}) so a slow browser never holds up other answers.
 * If the browser goes away, the answer is stopped.
 *
 * @author Pieces starter team
 */
@RestController
public class AskController {

	private static final Log logger = LogFactory.getLog(AskController.class);

	/**
	 * Upper bound for one streamed answer; the copilot's own silence timeout normally ends a
	 * stuck answer much earlier.
	 */
	static final Duration ASK_STREAM_TIMEOUT = Duration.ofMinutes(10);

	private final ObjectProvider<PiecesCopilot> copilot;

	private final LiveUpdates live;

	/**
	 * Create the controller.
	 * @param copilot the copilot the starter auto-configures (absent when
	 * {@code pieces.streams.qgpt.enabled=false})
	 * @param live where the answer's server-sent events are written from
	 */
	AskController(ObjectProvider<PiecesCopilot> copilot, LiveUpdates live) {
		this.copilot = copilot;
		this.live = live;
	}

	/**
	 * Ask a question.
	 * @param request the question and, for a follow-up, the conversation id
	 * @return the server-sent events stream of the answer
	 */
	@PostMapping(path = "/api/ask", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public SseEmitter ask(@RequestBody AskRequest request) {
		String question = request.question();
		if (question == null || question.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'question' must not be blank");
		}
		String conversation = (request.conversation() != null && !request.conversation().isBlank())
				? request.conversation() : null;
		SseChannel channel = this.live.channel(new SseEmitter(ASK_STREAM_TIMEOUT.toMillis()));
		PiecesCopilot copilot = this.copilot.getIfAvailable();
		if (copilot == null) {
			channel.send(SseEmitter.event()
				.name("error")
				.data(error(new IllegalStateException("The copilot is switched off (pieces.streams.qgpt.enabled=false)"),
						conversation)));
			channel.complete();
			return channel.emitter();
		}
		CopilotAnswer answer;
		try {
			answer = copilot.ask(CopilotRequest.builder(question).conversation(conversation).build());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not ask the copilot: " + ex.getMessage());
			channel.send(SseEmitter.event().name("error").data(error(ex, conversation)));
			channel.complete();
			return channel.emitter();
		}
		// the browser went away (a write failed), fell behind, the stream timed out or the
		// application is shutting down: stop generating an answer nobody will read
		channel.onAbort(answer::stop);
		answer.onChunk((chunk) -> channel.send(SseEmitter.event().name("chunk").data(Map.of("text", chunk))));
		answer.text().whenComplete((text, failure) -> {
			String conversationId = conversationId(answer, conversation);
			if (failure == null) {
				Map<String, Object> done = new LinkedHashMap<>();
				done.put("answer", text);
				done.put("conversation", conversationId);
				channel.send(SseEmitter.event().name("done").data(done));
			}
			else {
				Throwable cause = unwrap(failure);
				logger.info("Copilot answer " + answer.requestId() + " ended without an answer: " + cause.getMessage());
				channel.send(SseEmitter.event().name("error").data(error(cause, conversationId)));
			}
			channel.complete();
		});
		return channel.emitter();
	}

	private static @Nullable String conversationId(CopilotAnswer answer, @Nullable String requested) {
		try {
			return answer.conversationId().getNow(requested);
		}
		catch (RuntimeException ex) {
			return requested;
		}
	}

	private static Map<String, Object> error(Throwable cause, @Nullable String conversation) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName());
		error.put("conversation", conversation);
		return error;
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	/**
	 * The body of {@code POST /api/ask}.
	 *
	 * @param question the question (required)
	 * @param conversation the conversation to continue, or {@code null} for a new one
	 */
	public record AskRequest(@Nullable String question, @Nullable String conversation) {

	}

}
