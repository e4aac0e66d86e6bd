package app.pieces.ai;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.util.Assert;

import app.pieces.client.PiecesClient;
import app.pieces.client.PiecesConversations;
import app.pieces.client.PiecesNotFoundException;
import app.pieces.model.Conversation;
import app.pieces.model.ConversationMessage;
import app.pieces.model.QGPTConversationMessageRoleEnum;
import app.pieces.websocket.IdentifierCache;

/**
 * A Spring AI {@link ChatMemoryRepository} that keeps every chat, held with any chat model, as a Pieces
 * conversation with its user, assistant and system messages: the chat shows in the Pieces desktop app and feeds its
 * long-term memory. Use it behind {@code MessageWindowChatMemory} and {@code MessageChatMemoryAdvisor}:
 * <pre class="code">
 * ChatMemory memory = MessageWindowChatMemory.builder()
 *     .chatMemoryRepository(new PiecesChatMemoryRepository(piecesClient))
 *     .build();
 * ChatClient chat = ChatClient.builder(anyChatModel)
 *     .defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
 *     .build();
 * </pre>
 * <p>
 * <b>Where the mapping lives.</b> Spring AI's conversation ids are the application's own strings, Pieces creates
 * UUIDs: the Pieces conversation of {@code support-42} is the one named {@code "Spring AI: support-42"}
 * ({@link #NAME_PREFIX}). The mapping is therefore kept in Pieces itself: it survives restarts of the
 * application and is shared by every instance talking to the same Pieces OS. Renaming the conversation in Pieces
 * detaches it (the next save starts a new one). Should two instances create the same chat at the same moment, the
 * oldest of the conversations is used and {@link #deleteByConversationId} removes all of them.
 * <p>
 * <b>Saving.</b> {@link #saveAll} replaces the chat's messages, as the interface says, with as few calls as it
 * can: messages already stored stay, new ones are added at the end, and when a message window drops the oldest
 * messages those leave the Pieces conversation too (use a larger window to keep more of the chat in Pieces). Tool
 * messages, and messages without text, have no place in a Pieces conversation and are not stored. Saves to one
 * conversation are serialized in this JVM; saves from two instances at once may interleave.
 * <p>
 * Lookups read the conversations cache when one is given (the starter's {@code ConversationWS} cache), else
 * the whole list with one streamed {@code GET /conversations}. Every failure of Pieces OS is thrown as the
 * client's {@code PiecesException}.
 *
 * @author Pieces starter team
 */
public final class PiecesChatMemoryRepository implements ChatMemoryRepository {

	/** What the name of a Pieces conversation that holds a Spring AI chat starts with. */
	public static final String NAME_PREFIX = "Spring AI: ";

	private final PiecesClient client;

	private final @Nullable IdentifierCache<Conversation> cache;

	private final Map<String, Object> locks = new ConcurrentHashMap<>();

	// Spring AI id -> Pieces id, learned in this JVM; checked on use, dropped when Pieces OS no longer has it
	private final Map<String, String> known = new ConcurrentHashMap<>();

	/**
	 * Create a repository that looks conversations up with {@code GET /conversations}.
	 * @param client the client
	 */
	public PiecesChatMemoryRepository(PiecesClient client) {
		this(client, null);
	}

	/**
	 * Create a repository that looks conversations up in the conversations cache.
	 * @param client the client
	 * @param cache the conversations cache, or {@code null} to read the list from Pieces OS
	 */
	public PiecesChatMemoryRepository(PiecesClient client, @Nullable IdentifierCache<Conversation> cache) {
		Assert.notNull(client, "'client' must not be null");
		this.client = client;
		this.cache = cache;
	}

	@Override
	public List<String> findConversationIds() {
		List<String> ids = new ArrayList<>();
		forEachConversation((conversation) -> {
			String id = chatIdOf(conversation);
			if (id != null && !ids.contains(id)) {
				ids.add(id);
			}
		});
		return ids;
	}

	/**
	 * Return the id of the Pieces conversation that holds a chat, to open it in Pieces or read it with
	 * {@code PiecesConversations}.
	 * @param conversationId the Spring AI conversation id
	 * @return the Pieces conversation id, empty if the chat was never saved
	 */
	public Optional<String> piecesConversationId(String conversationId) {
		requireId(conversationId);
		return Optional.ofNullable(find(conversationId));
	}

	@Override
	public List<Message> findByConversationId(String conversationId) {
		requireId(conversationId);
		String piecesId = find(conversationId);
		if (piecesId == null) {
			return List.of();
		}
		try {
			return conversations().messages(piecesId).stream().map(PiecesChatMemoryRepository::toSpring)
				.filter(Objects::nonNull).toList();
		}
		catch (PiecesNotFoundException ex) {
			this.known.remove(conversationId, piecesId);
			return List.of();
		}
	}

	@Override
	public void saveAll(String conversationId, List<Message> messages) {
		requireId(conversationId);
		Assert.notNull(messages, "'messages' must not be null");
		List<Stored> wanted = messages.stream().map(Stored::of).filter(Objects::nonNull).toList();
		synchronized (lockOf(conversationId)) {
			String piecesId = find(conversationId);
			List<ConversationMessage> existing;
			try {
				existing = (piecesId != null) ? conversations().messages(piecesId) : List.of();
			}
			catch (PiecesNotFoundException ex) {
				this.known.remove(conversationId, piecesId);
				piecesId = null;
				existing = List.of();
			}
			if (piecesId == null) {
				if (wanted.isEmpty()) {
					return;
				}
				piecesId = conversations().create(NAME_PREFIX + conversationId).id();
				this.known.put(conversationId, piecesId);
			}
			replace(piecesId, existing, wanted);
		}
	}

	@Override
	public void deleteByConversationId(String conversationId) {
		requireId(conversationId);
		synchronized (lockOf(conversationId)) {
			List<String> matching = new ArrayList<>();
			forEachConversation((conversation) -> {
				if (conversationId.equals(chatIdOf(conversation))) {
					matching.add(conversation.id());
				}
			});
			String remembered = this.known.remove(conversationId);
			if (remembered != null && !matching.contains(remembered)) {
				matching.add(remembered);
			}
			for (String piecesId : matching) {
				try {
					conversations().delete(piecesId);
				}
				catch (PiecesNotFoundException ex) {
					// already gone
				}
			}
		}
	}

	/**
	 * Make the Pieces conversation hold exactly the wanted messages with the fewest calls: keep the longest run of
	 * stored messages that the wanted list starts with (wherever it begins: a sliding window drops the oldest),
	 * delete the stored messages before and after it, add the wanted messages after it.
	 */
	private void replace(String piecesId, List<ConversationMessage> existing, List<Stored> wanted) {
		int dropped = existing.size();
		int kept = 0;
		for (int offset = 0; offset < existing.size(); offset++) {
			int run = 0;
			while (offset + run < existing.size() && run < wanted.size()
					&& wanted.get(run).matches(existing.get(offset + run))) {
				run++;
			}
			if (run > kept) {
				dropped = offset;
				kept = run;
			}
		}
		if (kept == 0) {
			dropped = 0;
		}
		List<ConversationMessage> toDelete = new ArrayList<>(existing.subList(0, dropped));
		toDelete.addAll(existing.subList(dropped + kept, existing.size()));
		for (ConversationMessage message : toDelete) {
			try {
				conversations().deleteMessage(message.id());
			}
			catch (PiecesNotFoundException ex) {
				// deleted meanwhile
			}
		}
		for (Stored message : wanted.subList(kept, wanted.size())) {
			conversations().addMessage(piecesId, message.role(), message.text());
		}
	}

	private @Nullable String find(String conversationId) {
		String remembered = this.known.get(conversationId);
		if (remembered != null) {
			return remembered;
		}
		List<Conversation> matching = new ArrayList<>();
		forEachConversation((conversation) -> {
			if (conversationId.equals(chatIdOf(conversation))) {
				matching.add(conversation);
			}
		});
		String found = matching.stream()
			.min(Comparator.comparing(Conversation::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(Conversation::id))
			.map(Conversation::id)
			.orElse(null);
		if (found != null) {
			this.known.put(conversationId, found);
		}
		return found;
	}

	private void forEachConversation(Consumer<Conversation> action) {
		if (this.cache != null) {
			this.cache.snapshot().forEach(action);
		}
		else {
			this.client.forEachConversation(action);
		}
	}

	private static @Nullable String chatIdOf(Conversation conversation) {
		String name = conversation.name();
		return (name != null && name.startsWith(NAME_PREFIX) && name.length() > NAME_PREFIX.length())
				? name.substring(NAME_PREFIX.length()) : null;
	}

	private PiecesConversations conversations() {
		return this.client.conversations();
	}

	private Object lockOf(String conversationId) {
		return this.locks.computeIfAbsent(conversationId, (id) -> new Object());
	}

	private static void requireId(@Nullable String conversationId) {
		Assert.hasText(conversationId, "'conversationId' must not be empty");
	}

	private static @Nullable Message toSpring(ConversationMessage message) {
		String text = message.text();
		if (text == null || message.role() == null) {
			return null;
		}
		return switch (message.role()) {
			case USER -> new UserMessage(text);
			case ASSISTANT -> new AssistantMessage(text);
			case SYSTEM -> new SystemMessage(text);
			default -> null;
		};
	}

	@Override
	public String toString() {
		return "PiecesChatMemoryRepository[" + (this.cache != null ? "cache" : "list") + "]";
	}

	/** A message as a Pieces conversation holds it: a role and a text. */
	private record Stored(QGPTConversationMessageRoleEnum role, String text) {

		static @Nullable Stored of(Message message) {
			String text = message.getText();
			if (text == null || text.isEmpty()) {
				return null;
			}
			return switch (message.getMessageType()) {
				case USER -> new Stored(QGPTConversationMessageRoleEnum.USER, text);
				case ASSISTANT -> new Stored(QGPTConversationMessageRoleEnum.ASSISTANT, text);
				case SYSTEM -> new Stored(QGPTConversationMessageRoleEnum.SYSTEM, text);
				default -> null;
			};
		}

		boolean matches(ConversationMessage message) {
			return this.role == message.role() && this.text.equals(message.text());
		}

	}

}
