package app.pieces.websocket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.client.PiecesConversations;
import app.pieces.client.PiecesNotFoundException;
import app.pieces.model.Conversation;
import app.pieces.model.ConversationMessage;
import app.pieces.model.QGPTConversationMessageRoleEnum;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Chats managed through {@link PiecesConversations} against the simulator: messages oldest first with role and
 * text, and create, rename and delete seen at once by the conversations cache and once by its callbacks.
 */
class ConversationWritesTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder()
		.assets(3)
		.conversations(2)
		.healthInterval(Duration.ZERO)
		.build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces);

	private final List<String> updates = new CopyOnWriteArrayList<>();

	private final List<String> removals = new CopyOnWriteArrayList<>();

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	@BeforeEach
	void awaitSimulator() {
		await().atMost(Duration.ofSeconds(10)).until(sim()::isRunning);
	}

	@Test
	void messagesShouldComeOldestFirstWithRoleAndText() throws Exception {
		ConversationWS conversations = start();
		for (Conversation conversation : conversations.cache().snapshot()) {
			List<ConversationMessage> messages = conversations().messages(conversation.id());
			assertThat(messages).map((message) -> message.role().wireValue() + ": " + message.text())
				.containsExactlyElementsOf(sim().conversationMessages(conversation.id()));
			assertThat(messages).allSatisfy((message) -> assertThat(message.createdAt()).isNotNull());
		}
		assertThatExceptionOfType(PiecesNotFoundException.class)
			.isThrownBy(() -> conversations().messages("no-such-conversation"));
	}

	@Test
	void createRenameAndDeleteShouldReachTheCacheAtOnceAndTheCallbacksOnce() throws Exception {
		ConversationWS conversations = start();
		Conversation created = conversations().create("Release checklist");
		assertThat(conversations.cache().get(created.id())).contains(created);
		Conversation renamed = conversations().rename(created.id(), "Release checklist, v2");
		assertThat(conversations.cache().get(created.id())).hasValueSatisfying(
				(cached) -> assertThat(cached.name()).isEqualTo("Release checklist, v2"));
		assertThat(renamed.name()).isEqualTo("Release checklist, v2");
		await().until(() -> this.updates.stream().filter(created.id()::equals).count() == 2);

		conversations().delete(created.id());
		assertThat(conversations.cache().get(created.id())).isEmpty();
		await().until(() -> this.removals.contains(created.id()));
		// a later change still arrives; nothing about the deleted chat arrives twice
		String later = sim().createConversation("After the deletion");
		await().until(() -> conversations.cache().get(later).isPresent());
		assertThat(this.updates).filteredOn(created.id()::equals).hasSize(2);
		assertThat(this.removals).containsExactly(created.id());
	}

	@Test
	void conversationFromAnAssetShouldCarryTheAsset() throws Exception {
		ConversationWS conversations = start();
		String assetId = sim().state().assets().get(0);
		Conversation created = conversations().createFromAsset(assetId);
		assertThat(created.assets()).isNotNull();
		assertThat(created.assets().iterable()).extracting((asset) -> asset.id()).contains(assetId);
		assertThat(conversations.cache().get(created.id())).isPresent();
		assertThatExceptionOfType(PiecesNotFoundException.class)
			.isThrownBy(() -> conversations().createFromAsset("no-such-asset"));
		assertThatIllegalArgumentException().isThrownBy(() -> conversations().rename(created.id(), " "));
	}

	@Test
	void messagesShouldBeAddedInOrderAndDeleted() throws Exception {
		ConversationWS conversations = start();
		Conversation chat = conversations().create("Kept by another chat model");
		ConversationMessage question = conversations().addMessage(chat.id(), QGPTConversationMessageRoleEnum.USER,
				"What is a circuit breaker?");
		conversations().addMessage(chat.id(), QGPTConversationMessageRoleEnum.ASSISTANT, "It stops calls that fail.");
		assertThat(conversations().messages(chat.id())).map((message) -> message.role().wireValue() + ": " + message.text())
			.containsExactly("USER: What is a circuit breaker?", "ASSISTANT: It stops calls that fail.")
			.containsExactlyElementsOf(sim().conversationMessages(chat.id()));
		await().until(() -> conversations.cache().get(chat.id()).map(Conversation::messageIds).orElseThrow().size() == 2);
		conversations().deleteMessage(question.id());
		assertThat(conversations().messages(chat.id())).map(ConversationMessage::text)
			.containsExactly("It stops calls that fail.");
		assertThatExceptionOfType(PiecesNotFoundException.class)
			.isThrownBy(() -> conversations().deleteMessage(question.id()));
		assertThatExceptionOfType(PiecesNotFoundException.class).isThrownBy(() -> conversations()
			.addMessage("no-such-conversation", QGPTConversationMessageRoleEnum.USER, "lost"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> conversations().addMessage(chat.id(), QGPTConversationMessageRoleEnum.USER, ""));
	}

	@Test
	void anchorsAndRangesShouldBeAttachedAndDetachedThroughTheStream() throws Exception {
		ConversationWS conversations = start();
		String id = sim().state().conversations().get(0);
		String anchor = sim().workstreamIds("anchors").get(0);
		String range = sim().workstreamIds("ranges").get(0);
		conversations().associateAnchor(id, anchor);
		conversations().associateRange(id, range);
		await().untilAsserted(() -> assertThat(conversations.cache().get(id)).hasValueSatisfying((conversation) -> {
			assertThat(conversation.anchorIds()).containsExactly(anchor);
			assertThat(conversation.rangeIds()).containsExactly(range);
		}));
		assertThat(this.sockets.client().conversation(id).anchorIds()).containsExactly(anchor);

		conversations().disassociateRange(id, range);
		await().until(() -> conversations.cache().get(id).map(Conversation::rangeIds).orElseThrow().isEmpty());
		// a deleted anchor leaves every conversation that referenced it
		sim().deleteAnchor(anchor);
		await().until(() -> conversations.cache().get(id).map(Conversation::anchorIds).orElseThrow().isEmpty());

		assertThatExceptionOfType(PiecesNotFoundException.class)
			.isThrownBy(() -> conversations().associateAnchor(id, "no-such-anchor"));
		assertThatExceptionOfType(app.pieces.client.PiecesGoneException.class)
			.isThrownBy(() -> conversations().associateAnchor(id, anchor));
		assertThatIllegalArgumentException().isThrownBy(() -> conversations().associateRange(id, " "));
	}

	private PiecesConversations conversations() {
		return this.sockets.client().conversations();
	}

	private ConversationWS start() throws InterruptedException {
		ConversationWS conversations = this.sockets.manager().conversations(new ConversationsListener() {

			@Override
			public void onConversationUpdate(Conversation conversation) {
				ConversationWritesTests.this.updates.add(conversation.id());
			}

			@Override
			public void onConversationRemove(Conversation conversation) {
				ConversationWritesTests.this.removals.add(conversation.id());
			}

		});
		conversations.start();
		assertThat(conversations.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		return conversations;
	}

}
