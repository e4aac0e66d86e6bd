package app.pieces.sample.ai;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import app.pieces.ai.PiecesChatMemoryRepository;
import app.pieces.ai.PiecesDocumentRetriever;
import app.pieces.client.PiecesClient;

/**
 * Pieces as the knowledge and memory of a Spring AI chat model. The sample's chat model is Pieces Copilot itself,
 * but neither the retriever nor the memory cares which model answers.
 * <ul>
 * <li>{@code POST /api/ai/rag} with {@code {"question"}}: the question, augmented by Spring AI's
 * {@link RetrievalAugmentationAdvisor} with the user's most relevant snippets (the auto-configured
 * {@link PiecesDocumentRetriever}), answered with {@code {"answer","documents":[{"id","name","score"}]}};</li>
 * <li>{@code POST /api/ai/memory-chat} with {@code {"chatId","question"}}: a chat whose memory is a Pieces
 * conversation ({@link PiecesChatMemoryRepository} behind {@link MessageChatMemoryAdvisor}), answered with
 * {@code {"answer","piecesConversationId"}}; the same {@code chatId} continues the same conversation.</li>
 * </ul>
 *
 * @author Pieces starter team
 */
@RestController
public class KnowledgeController {

	private final ObjectProvider<PiecesDocumentRetriever> retriever;

	private final PiecesChatMemoryRepository memoryRepository;

	private final ChatMemory memory;

	private final SharedChatClient chatClient;

	KnowledgeController(ObjectProvider<ChatClient.Builder> chatClientBuilder,
			ObjectProvider<PiecesDocumentRetriever> retriever, ObjectProvider<PiecesChatMemoryRepository> repository,
			PiecesClient piecesClient) {
		this.chatClient = new SharedChatClient(chatClientBuilder);
		this.retriever = retriever;
		// the application's repository if it enabled one (pieces.ai.memory.enabled), else one of the sample's own
		this.memoryRepository = repository.getIfAvailable(() -> new PiecesChatMemoryRepository(piecesClient));
		this.memory = MessageWindowChatMemory.builder().chatMemoryRepository(this.memoryRepository).build();
	}

	/**
	 * Answer a question with the user's snippets in the prompt.
	 * @param request the question
	 * @return the answer and the snippets it was given
	 */
	@PostMapping(path = "/api/ai/rag", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	public RagAnswer rag(@RequestBody RagRequest request) {
		String question = requireText(request.question(), "question");
		PiecesDocumentRetriever documents = this.retriever.getIfAvailable();
		if (documents == null) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"The snippet retriever is switched off (pieces.ai.retriever.enabled=false)");
		}
		ChatClientResponse response = chatClient().prompt(question)
			.advisors(RetrievalAugmentationAdvisor.builder().documentRetriever(documents).build())
			.call()
			.chatClientResponse();
		Object context = response.context().get(RetrievalAugmentationAdvisor.DOCUMENT_CONTEXT);
		List<DocumentView> used = (context instanceof List<?> list) ? list.stream()
			.filter(Document.class::isInstance)
			.map(Document.class::cast)
			.map(DocumentView::of)
			.toList() : List.of();
		return new RagAnswer(textOf(response), used);
	}

	/**
	 * Continue a chat whose memory Pieces keeps.
	 * @param request the chat id and the question
	 * @return the answer and the Pieces conversation holding the chat
	 */
	@PostMapping(path = "/api/ai/memory-chat", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	public MemoryAnswer memoryChat(@RequestBody MemoryRequest request) {
		String chatId = requireText(request.chatId(), "chatId");
		String question = requireText(request.question(), "question");
		ChatClientResponse response = chatClient().prompt(question)
			.advisors(MessageChatMemoryAdvisor.builder(this.memory).build())
			.advisors((advisors) -> advisors.param(ChatMemory.CONVERSATION_ID, chatId))
			.call()
			.chatClientResponse();
		return new MemoryAnswer(textOf(response), this.memoryRepository.piecesConversationId(chatId).orElse(null));
	}

	private ChatClient chatClient() {
		return this.chatClient.get();
	}

	private static String textOf(ChatClientResponse response) {
		String text = (response.chatResponse() != null) ? response.chatResponse().getResult().getOutput().getText()
				: null;
		return (text != null) ? text : "";
	}

	private static String requireText(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'" + name + "' must not be blank");
		}
		return value;
	}

	/**
	 * The body of {@code POST /api/ai/rag}.
	 *
	 * @param question the question (required)
	 */
	public record RagRequest(@Nullable String question) {
	}

	/**
	 * The answer of {@code POST /api/ai/rag}.
	 *
	 * @param answer the chat model's answer
	 * @param documents the snippets put into the prompt, best first
	 */
	public record RagAnswer(String answer, List<DocumentView> documents) {
	}

	/**
	 * A snippet put into the prompt.
	 *
	 * @param id the asset id
	 * @param name the snippet's name
	 * @param score its search score, {@code null} in relevance mode
	 */
	public record DocumentView(String id, @Nullable String name, @Nullable Double score) {

		static DocumentView of(Document document) {
			Object name = document.getMetadata().get(PiecesDocumentRetriever.NAME);
			return new DocumentView(document.getId(), (name != null) ? name.toString() : null, document.getScore());
		}

	}

	/**
	 * The body of {@code POST /api/ai/memory-chat}.
	 *
	 * @param chatId the application's id of the chat (required)
	 * @param question the question (required)
	 */
	public record MemoryRequest(@Nullable String chatId, @Nullable String question) {
	}

	/**
	 * The answer of {@code POST /api/ai/memory-chat}.
	 *
	 * @param answer the chat model's answer
	 * @param piecesConversationId the Pieces conversation that keeps the chat
	 */
	public record MemoryAnswer(String answer, @Nullable String piecesConversationId) {
	}

}
