package app.pieces.ai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;

import app.pieces.client.PiecesClient;
import app.pieces.model.Conversation;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PiecesChatMemoryRepository} against the simulator: chats held with a chat model that is not Pieces are
 * kept as Pieces conversations, found again by a fresh repository (a restart, another instance), replaced with few
 * calls, and saved concurrently without mixing.
 */
class PiecesChatMemoryRepositoryTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().healthInterval(Duration.ZERO)
		.build();

	private static PiecesClient client;

	@BeforeAll
	static void createClient() {
		client = PiecesClient.builder().baseUrl(pieces.simulator().baseUrl()).build();
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	@Test
	void savedChatShouldBeAPiecesConversationFoundAgainAfterARestart() {
		PiecesChatMemoryRepository repository = new PiecesChatMemoryRepository(client);
		repository.saveAll("support-42", List.of(new SystemMessage("Be brief."), new UserMessage("What is a mutex?"),
				new AssistantMessage("A lock for one holder at a time.")));
		String piecesId = piecesConversation("support-42");
		assertThat(sim().conversationMessages(piecesId)).containsExactly("SYSTEM: Be brief.", "USER: What is a mutex?",
				"ASSISTANT: A lock for one holder at a time.");

		PiecesChatMemoryRepository restarted = new PiecesChatMemoryRepository(client);
		assertThat(restarted.findConversationIds()).contains("support-42");
		assertThat(restarted.findByConversationId("support-42")).extracting(Message::getText)
			.containsExactly("Be brief.", "What is a mutex?", "A lock for one holder at a time.");
		assertThat(restarted.findByConversationId("never-saved")).isEmpty();

		restarted.deleteByConversationId("support-42");
		assertThat(restarted.findConversationIds()).doesNotContain("support-42");
		assertThat(repository.findByConversationId("support-42")).isEmpty();
	}

	@Test
	void savingAgainShouldOnlyAddWhatIsNewAndFollowASlidingWindow() {
		PiecesChatMemoryRepository repository = new PiecesChatMemoryRepository(client);
		List<Message> chat = new ArrayList<>(List.of(new UserMessage("one"), new AssistantMessage("two")));
		repository.saveAll("window", chat);
		String piecesId = piecesConversation("window");
		long writesBefore = sim().restRequests("/messages/");
		chat.add(new UserMessage("three"));
		repository.saveAll("window", chat);
		assertThat(sim().restRequests("/messages/") - writesBefore).as("one message added, nothing rewritten")
			.isEqualTo(1);
		// a window of three that drops the oldest message
		repository.saveAll("window", List.of(new AssistantMessage("two"), new UserMessage("three"),
				new AssistantMessage("four")));
		assertThat(sim().conversationMessages(piecesId)).containsExactly("ASSISTANT: two", "USER: three",
				"ASSISTANT: four");
		assertThat(sim().restRequests("/messages/") - writesBefore).as("one added, one deleted, one added")
			.isEqualTo(3);
	}

	@Test
	void memoryAdvisorShouldKeepTheChatOfAnotherModelInPieces() {
		ScriptedChatModel model = new ScriptedChatModel();
		ChatMemory memory = MessageWindowChatMemory.builder()
			.chatMemoryRepository(new PiecesChatMemoryRepository(client))
			.build();
		ChatClient chat = ChatClient.builder(model).defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
			.build();
		chat.prompt().user("My name is Ada.").advisors((a) -> a.param(ChatMemory.CONVERSATION_ID, "ada")).call()
			.content();
		chat.prompt().user("What is my name?").advisors((a) -> a.param(ChatMemory.CONVERSATION_ID, "ada")).call()
			.content();
		// the second prompt carried the first exchange, read back from Pieces
		assertThat(model.lastPromptText()).contains("My name is Ada.").contains("answer 1");
		assertThat(sim().conversationMessages(piecesConversation("ada"))).containsExactly("USER: My name is Ada.",
				"ASSISTANT: answer 1", "USER: What is my name?", "ASSISTANT: answer 2");
	}

	@Test
	void concurrentSavesToOneChatShouldNotMixOrDuplicateTheConversation() throws Exception {
		PiecesChatMemoryRepository repository = new PiecesChatMemoryRepository(client);
		int savers = 6;
		CyclicBarrier together = new CyclicBarrier(savers);
		ExecutorService pool = Executors.newFixedThreadPool(savers);
		List<List<Message>> saved = new ArrayList<>();
		try {
			List<CompletableFuture<Void>> saves = new ArrayList<>();
			for (int i = 0; i < savers; i++) {
				List<Message> messages = List.of(new UserMessage("question from saver " + i),
						new AssistantMessage("answer for saver " + i));
				saved.add(messages);
				saves.add(CompletableFuture.runAsync(() -> {
					try {
						together.await(30, TimeUnit.SECONDS);
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					repository.saveAll("shared", messages);
				}, pool));
			}
			CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		finally {
			pool.shutdownNow();
		}
		List<String> texts = repository.findByConversationId("shared").stream().map(Message::getText).toList();
		assertThat(saved).anySatisfy((one) -> assertThat(texts)
			.containsExactlyElementsOf(one.stream().map(Message::getText).toList()));
		assertThat(conversationsNamed("shared")).hasSize(1);
	}

	private static String piecesConversation(String chatId) {
		List<String> ids = conversationsNamed(chatId);
		assertThat(ids).hasSize(1);
		return ids.get(0);
	}

	private static List<String> conversationsNamed(String chatId) {
		List<String> ids = new ArrayList<>();
		client.forEachConversation((Conversation conversation) -> {
			if ((PiecesChatMemoryRepository.NAME_PREFIX + chatId).equals(conversation.name())) {
				ids.add(conversation.id());
			}
		});
		return ids;
	}

}
