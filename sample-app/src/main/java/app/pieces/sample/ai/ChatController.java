package app.pieces.sample.ai;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;

import app.pieces.ai.PiecesChatModel;
import app.pieces.ai.PiecesChatOptions;

/**
 * The sample's Spring AI section: Spring AI's {@link ChatClient} on top of the auto-configured Pieces Copilot
 * chat model ({@code pieces-spring-ai-starter}).
 * <ul>
 * <li>{@code POST /api/chat} with {@code {"question": "...", "conversation": "<id or null>", "model": "<name or
 * null>"}} answers with {@code {"answer": "...", "conversation": "<id>", "model": "<name>"}}: pass the
 * conversation back to ask a follow-up in the same Pieces conversation;</li>
 * <li>{@code GET /api/chat/stream?question=...} streams the answer's chunks as server-sent events; closing the
 * stream stops the answer on Pieces OS.</li>
 * </ul>
 * Errors are problem details ({@link AiErrors}): 400 for a blank question, 422 for what Pieces OS will not answer
 * (an unknown model, a subscription required), 503 for what may work later (Pieces OS busy, unreachable or
 * silent).
 *
 * @author Pieces starter team
 */
@RestController
public class ChatController {

	private final SharedChatClient chatClient;

	/**
	 * Create the controller.
	 * @param chatClientBuilder Spring AI's auto-configured builder (there is none when the copilot is switched
	 * off with {@code pieces.streams.qgpt.enabled=false})
	 */
	ChatController(ObjectProvider<ChatClient.Builder> chatClientBuilder) {
		this.chatClient = new SharedChatClient(chatClientBuilder);
	}

	/**
	 * Ask a question and answer with the whole text.
	 * @param request the question, and optionally the conversation to continue and the model
	 * @return the answer, its conversation and the model that wrote it
	 */
	@PostMapping(path = "/api/chat", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	public ChatAnswer chat(@RequestBody ChatRequest request) {
		String question = requireQuestion(request.question());
		ChatResponse response = chatClient().prompt(question)
			.options(PiecesChatOptions.builder()
				.model(blankToNull(request.model()))
				.conversationId(blankToNull(request.conversation())))
			.call()
			.chatResponse();
		if (response == null) {
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "Pieces Copilot gave no response");
		}
		String text = response.getResult().getOutput().getText();
		return new ChatAnswer((text != null) ? text : "",
				response.getMetadata().get(PiecesChatModel.METADATA_CONVERSATION_ID),
				response.getMetadata().getModel());
	}

	/**
	 * Ask a question in a new conversation and stream the answer.
	 * @param question the question
	 * @return the chunks, as server-sent events
	 */
	@GetMapping(path = "/api/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Flux<String> stream(@RequestParam(required = false) @Nullable String question) {
		return chatClient().prompt(requireQuestion(question)).stream().content();
	}

	private ChatClient chatClient() {
		return this.chatClient.get();
	}

	private static String requireQuestion(@Nullable String question) {
		if (question == null || question.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'question' must not be blank");
		}
		return question;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value : null;
	}

	/**
	 * The body of {@code POST /api/chat}.
	 *
	 * @param question the question (required)
	 * @param conversation the Pieces conversation to continue, or {@code null} for a new one
	 * @param model the model name, or {@code null} for the default one
	 */
	public record ChatRequest(@Nullable String question, @Nullable String conversation, @Nullable String model) {

	}

	/**
	 * The answer of {@code POST /api/chat}.
	 *
	 * @param answer the answer text
	 * @param conversation the Pieces conversation the answer belongs to
	 * @param model the name of the model that answered (empty when Pieces OS chose it)
	 */
	public record ChatAnswer(String answer, @Nullable String conversation, String model) {

	}

}
