package app.pieces.simulator;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The conversation calls beyond reading one: {@code GET /conversation/{id}/messages} ({@code ConversationMessages},
 * in order, with {@code indices}), {@code POST /conversation/update} ({@code Conversation} to {@code Conversation}:
 * the name), {@code POST /conversations/{id}/delete} and {@code POST /conversations/create/from_asset/{asset}}
 * ({@code ConversationsCreateFromAssetOutput}). Every change is announced on the conversations stream.
 */
final class ConversationsRest {

	private final SimulatorHub hub;

	ConversationsRest(SimulatorHub hub) {
		this.hub = hub;
	}

	ObjectNode messages(String conversationId) {
		SimulatorStore store = this.hub.store();
		synchronized (store) {
			SimulatorStore.ConversationRecord conversation = store.conversation(conversationId);
			ObjectNode messages = Json.object();
			messages.set("schema", Json.schema());
			ArrayNode iterable = messages.putArray("iterable");
			ObjectNode indices = messages.putObject("indices");
			for (int i = 0; i < conversation.messageIds.size(); i++) {
				String id = conversation.messageIds.get(i);
				iterable.add(store.messageJson(id));
				indices.put(id, i);
			}
			return messages;
		}
	}

	ObjectNode update(JsonNode conversation) {
		String id = Json.text(conversation, "id");
		if (id == null || id.isBlank()) {
			throw RestRejection.badRequest("Conversation requires id");
		}
		String name = Json.text(conversation, "name");
		if (name != null) {
			this.hub.updateConversation(id, name, false);
		}
		else {
			this.hub.store().conversation(id);
		}
		return this.hub.store().conversationJson(id);
	}

	void delete(String id) {
		this.hub.deleteConversation(id, false);
	}

	/**
	 * Add a message to a conversation ({@code POST /messages/create}, a {@code SeededConversationMessage}:
	 * {@code role}, {@code fragment.string.raw} and {@code conversation.id} required).
	 * @param seed the request body
	 * @return the new {@code ConversationMessage}
	 * @throws RestRejection (400) for a missing role, text or conversation, or an unknown role
	 * @throws MissingEntityException (404/410) for an unknown or deleted conversation
	 */
	ObjectNode createMessage(JsonNode seed) {
		String role = Json.text(seed, "role");
		if (role == null || !List.of("USER", "ASSISTANT", "SYSTEM").contains(role)) {
			throw RestRejection.badRequest("SeededConversationMessage requires a role: USER, ASSISTANT or SYSTEM");
		}
		JsonNode fragment = Json.objectField(seed, "fragment");
		JsonNode string = (fragment != null) ? Json.objectField(fragment, "string") : null;
		String text = (string != null) ? Json.text(string, "raw") : null;
		if (text == null) {
			throw RestRejection.badRequest("SeededConversationMessage requires fragment.string.raw");
		}
		JsonNode conversation = Json.objectField(seed, "conversation");
		String conversationId = (conversation != null) ? Json.text(conversation, "id") : null;
		if (conversationId == null) {
			throw RestRejection.badRequest("SeededConversationMessage requires conversation.id");
		}
		return this.hub.store().messageJson(this.hub.appendMessage(conversationId, role, text).id());
	}

	void deleteMessage(String id) {
		this.hub.deleteMessage(id);
	}

	ObjectNode createFromAsset(String assetId) {
		SimulatorStore.AssetRecord asset = this.hub.store().asset(assetId);
		SimulatorStore.ConversationRecord conversation = this.hub.createConversation("About " + asset.name, null,
				null, true);
		this.hub.associate(conversation.id, StreamKind.ASSETS, assetId, true);
		ObjectNode output = Json.object();
		output.set("schema", Json.schema());
		output.putObject("conversation").put("id", conversation.id);
		return output;
	}

}
