package app.pieces.client;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import app.pieces.model.Conversation;
import app.pieces.model.ConversationMessage;
import app.pieces.model.ConversationMessages;
import app.pieces.model.QGPTConversationMessageRoleEnum;
import app.pieces.model.SeededConversation;

import org.springframework.util.Assert;

/**
 * Reads and manages the user's copilot chats (conversations), as the official wrapper's {@code BasicChat} does:
 * {@code POST /conversations/create}, {@code POST /conversations/create/from_asset/{asset}},
 * {@code GET /conversation/{id}/messages}, {@code POST /conversation/update},
 * {@code POST /conversations/{id}/delete} and the asset associations. Obtained from
 * {@link PiecesClient#conversations()}.
 * <p>
 * Like {@link PiecesAssets}, every method that changes a conversation tells the
 * {@linkplain #addListener(PiecesClient.WriteListener) write listeners} before it returns, so the conversations
 * cache shows the change at once and its stream's announcement of it fires nothing again. Blank names or ids fail
 * with {@link IllegalArgumentException} before any call, unknown ids with {@link PiecesNotFoundException}.
 */
public final class PiecesConversations {

	private final PiecesClient client;

	private final RestCalls rest;

	private final WriteListeners<Conversation> listeners = new WriteListeners<>("conversation");

	PiecesConversations(PiecesClient client, RestCalls rest) {
		this.client = client;
		this.rest = rest;
	}

	/**
	 * Create a copilot conversation ({@code POST /conversations/create}).
	 * @param name the conversation name
	 * @return the new conversation
	 */
	public Conversation create(String name) {
		Assert.isTrue(name != null && !name.isBlank(), "'name' must not be blank");
		SeededConversation seed = SeededConversation.copilot(name);
		return this.listeners.written(this.rest.required("POST /conversations/create", Conversation.class, false,
				(api, base) -> api.createConversation(base, seed)));
	}

	/**
	 * Start a conversation about an asset ({@code POST /conversations/create/from_asset/{asset}}): Pieces OS names
	 * it and attaches the asset.
	 * @param assetId the asset id
	 * @return the new conversation
	 */
	public Conversation createFromAsset(String assetId) {
		requireId(assetId);
		JsonNode output = this.rest.required("POST /conversations/create/from_asset/" + PiecesClient.shortened(assetId),
				JsonNode.class, false, (api, base) -> api.createConversationFromAsset(base, assetId));
		String id = output.path("conversation").path("id").asString(null);
		if (id == null) {
			throw new PiecesApiException("POST /conversations/create/from_asset returned no conversation id", 200,
					null);
		}
		return this.listeners.written(this.client.conversation(id));
	}

	/**
	 * Read the messages of a conversation, oldest first ({@code GET /conversation/{id}/messages}); deleted
	 * messages are left out.
	 * @param conversationId the conversation id
	 * @return the messages, with their role and text
	 */
	public List<ConversationMessage> messages(String conversationId) {
		requireId(conversationId);
		ConversationMessages messages = this.rest.required(
				"GET /conversation/" + PiecesClient.shortened(conversationId) + "/messages", ConversationMessages.class,
				true, (api, base) -> api.conversationMessages(base, conversationId, true));
		Map<String, Integer> indices = messages.indices();
		return messages.iterable()
			.stream()
			.filter((message) -> indices.getOrDefault(message.id(), 0) >= 0)
			.sorted(Comparator.comparing((ConversationMessage message) -> indices.getOrDefault(message.id(),
					Integer.MAX_VALUE)).thenComparing(ConversationMessage::createdAt,
							Comparator.nullsLast(Comparator.naturalOrder())))
			.toList();
	}

	/**
	 * Add a message to a conversation ({@code POST /messages/create} with a {@code SeededConversationMessage}): it
	 * becomes the conversation's last message, shown in the Pieces desktop app and read by its long-term memory.
	 * Nothing is asked of the copilot. The conversations stream announces the change.
	 * @param conversationId the conversation id
	 * @param role who said it: {@code USER}, {@code ASSISTANT} or {@code SYSTEM}
	 * @param text the text, not empty
	 * @return the new message
	 * @throws PiecesNotFoundException or {@link PiecesGoneException} for an unknown or deleted conversation
	 */
	public ConversationMessage addMessage(String conversationId, QGPTConversationMessageRoleEnum role, String text) {
		requireId(conversationId);
		Assert.isTrue(role != null && role != QGPTConversationMessageRoleEnum.UNKNOWN,
				"'role' must be USER, ASSISTANT or SYSTEM");
		Assert.isTrue(text != null && !text.isEmpty(), "'text' must not be empty");
		ObjectNode seed = this.client.jsonMapper().createObjectNode();
		seed.put("role", role.wireValue());
		seed.putObject("fragment").putObject("string").put("raw", text);
		seed.putObject("conversation").put("id", conversationId);
		return this.rest.required("POST /messages/create", ConversationMessage.class, false,
				(api, base) -> api.createMessage(base, seed));
	}

	/**
	 * Delete a message ({@code POST /messages/{message}/delete}): it leaves its conversation.
	 * @param messageId the message id
	 * @throws PiecesNotFoundException or {@link PiecesGoneException} for an unknown or deleted message
	 */
	public void deleteMessage(String messageId) {
		requireId(messageId);
		this.rest.call("POST /messages/" + PiecesClient.shortened(messageId) + "/delete", Void.class, false,
				(api, base) -> {
					api.deleteMessage(base, messageId);
					return null;
				});
	}

	/**
	 * Rename a conversation ({@code POST /conversation/update} with the conversation as Pieces OS has it, renamed).
	 * @param id the conversation id
	 * @param name the new name
	 * @return the renamed conversation
	 */
	public Conversation rename(String id, String name) {
		Assert.isTrue(name != null && !name.isBlank(), "'name' must not be blank");
		requireId(id);
		ObjectNode conversation = (ObjectNode) this.client.conversation(id).raw();
		conversation.put("name", name);
		return this.listeners.written(this.rest.required("POST /conversation/update", Conversation.class, false,
				(api, base) -> api.updateConversation(base, false, conversation)));
	}

	/**
	 * Delete a conversation ({@code POST /conversations/{id}/delete}).
	 * @param id the conversation id
	 */
	public void delete(String id) {
		requireId(id);
		this.rest.call("POST /conversations/" + PiecesClient.shortened(id) + "/delete", String.class, false,
				(api, base) -> api.deleteConversation(base, id));
		this.listeners.deleted(id);
	}

	/**
	 * Attach an asset to a conversation ({@code POST /conversation/{conversation}/assets/associate/{asset}}).
	 * @param conversationId the conversation id
	 * @param assetId the asset id
	 */
	public void associateAsset(String conversationId, String assetId) {
		associate(conversationId, Association.ASSETS, assetId, true);
	}

	/**
	 * Detach an asset from a conversation ({@code POST /conversation/{conversation}/assets/disassociate/{asset}}).
	 * @param conversationId the conversation id
	 * @param assetId the asset id
	 */
	public void disassociateAsset(String conversationId, String assetId) {
		associate(conversationId, Association.ASSETS, assetId, false);
	}

	/**
	 * Attach an anchor (a file or folder) to a conversation as context
	 * ({@code POST /conversation/{conversation}/anchors/associate/{anchor}}); {@link Conversation#anchorIds()} shows
	 * it once the conversations stream announced the change.
	 * @param conversationId the conversation id
	 * @param anchorId the anchor id
	 */
	public void associateAnchor(String conversationId, String anchorId) {
		associate(conversationId, Association.ANCHORS, anchorId, true);
	}

	/**
	 * Detach an anchor from a conversation ({@code POST /conversation/{conversation}/anchors/disassociate/{anchor}}).
	 * @param conversationId the conversation id
	 * @param anchorId the anchor id
	 */
	public void disassociateAnchor(String conversationId, String anchorId) {
		associate(conversationId, Association.ANCHORS, anchorId, false);
	}

	/**
	 * Ground a conversation in a time range of the workstream, as the long-term memory context of its questions
	 * ({@code POST /conversation/{conversation}/grounding/temporal_range/workstreams/associate/{range}});
	 * {@link Conversation#rangeIds()} shows it once the conversations stream announced the change.
	 * @param conversationId the conversation id
	 * @param rangeId the range id
	 */
	public void associateRange(String conversationId, String rangeId) {
		associate(conversationId, Association.RANGES, rangeId, true);
	}

	/**
	 * Remove a time range from a conversation's grounding
	 * ({@code POST /conversation/{conversation}/grounding/temporal_range/workstreams/disassociate/{range}}).
	 * @param conversationId the conversation id
	 * @param rangeId the range id
	 */
	public void disassociateRange(String conversationId, String rangeId) {
		associate(conversationId, Association.RANGES, rangeId, false);
	}

	/**
	 * Register a listener that is told about every conversation this client wrote, before the writing method
	 * returns (on the caller's thread). The conversations stream registers one to keep its cache current.
	 * @param listener the listener
	 */
	public void addListener(PiecesClient.WriteListener<? super Conversation> listener) {
		this.listeners.add(listener);
	}

	@Override
	public String toString() {
		return "PiecesConversations[" + this.client + "]";
	}

	private void associate(String conversationId, Association association, String targetId, boolean associate) {
		requireId(conversationId);
		requireId(targetId);
		String verb = associate ? "associate" : "disassociate";
		this.rest.call("POST /conversation/" + PiecesClient.shortened(conversationId) + "/" + association.path + "/"
				+ verb + "/" + PiecesClient.shortened(targetId), Void.class, false, (api, base) -> {
					if (association == Association.RANGES) {
						api.groundConversation(base, conversationId, verb, targetId);
					}
					else {
						api.associateConversation(base, conversationId, association.path, verb, targetId);
					}
					return null;
				});
	}

	/** What a conversation can be associated with, and the path segment(s) of that association. */
	private enum Association {

		ASSETS("assets"), ANCHORS("anchors"), RANGES("grounding/temporal_range/workstreams");

		private final String path;

		Association(String path) {
			this.path = path;
		}

	}

	private static void requireId(@Nullable String id) {
		Assert.isTrue(id != null && !id.isBlank(), "'id' must not be blank");
	}

}
