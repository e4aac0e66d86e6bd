package app.pieces.simulator;

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
