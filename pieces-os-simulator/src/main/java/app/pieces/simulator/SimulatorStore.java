package app.pieces.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The simulator's data: assets, conversations, messages, the user and the switches that shape them, plus
 * their wire JSON. All methods are {@code synchronized} on the store; callers that must keep a mutation and
 * the frames announcing it in order hold the store's monitor around both.
 */
final class SimulatorStore {

	private static final String[] ASSET_OPTIONAL = { "curated", "synced", "deleted", "activities", "anchors",
			"annotations", "conversations", "hints", "messages", "persons", "sensitives", "shares", "summaries", "tags",
			"websites" };

	private static final String[] CONVERSATION_OPTIONAL = { "demo", "deleted", "assets", "grounding", "anchors",
			"annotations", "websites", "summaries", "score" };

	private static final String[] MESSAGE_OPTIONAL = { "model", "activities", "sensitives", "annotations",
			"persons", "score" };

	private static final String[] USER_OPTIONAL = { "vanityname", "apiKeys", "allocation", "providers", "auth0",
			"descope", "subscriptions", "entities" };

	private final Map<String, AssetRecord> assets = new LinkedHashMap<>();

	private final Set<String> deletedAssets = new HashSet<>();

	private final Map<String, ConversationRecord> conversations = new LinkedHashMap<>();

	private final Set<String> deletedConversations = new HashSet<>();

	private final Map<String, MessageRecord> messages = new HashMap<>();

	private final Set<String> deletedMessages = new HashSet<>();

	private final boolean explicitNulls;

	private final WorkstreamItems workstream;

	private long sequence;

	private boolean signedIn;

	private boolean healthy = true;

	private String version;

	SimulatorStore(int assetCount, int conversationCount, boolean signedIn, String version, boolean explicitNulls) {
		this.signedIn = signedIn;
		this.version = version;
		this.explicitNulls = explicitNulls;
		this.workstream = new WorkstreamItems(explicitNulls);
		seed(assetCount, conversationCount);
	}

	private void seed(int assetCount, int conversationCount) {
		for (int i = 0; i < assetCount; i++) {
			DemoData.Snippet snippet = DemoData.snippet(i);
			Instant created = DemoData.assetCreated(i);
			Instant updated = (i == 0) ? DemoData.FIXTURE_ASSET_UPDATED : created.plus(30, ChronoUnit.MINUTES);
			Instant interacted = (i == 0) ? DemoData.FIXTURE_ASSET_INTERACTED : updated;
			AssetRecord asset = new AssetRecord(DemoData.assetId(i), DemoData.formatId(i), snippet.name(),
					snippet.text(), snippet.language(), created, this.sequence++);
			asset.updated = updated;
			asset.interacted = interacted;
			asset.score = (i == 0) ? new int[] { 2, 5, 1, 1 } : new int[] { i % 3, i % 7, i % 2, 1 };
			this.assets.put(asset.id, asset);
		}
		for (int i = 0; i < conversationCount; i++) {
			String id = DemoData.conversationId(i);
			Instant created = (i == 0) ? DemoData.FIXTURE_CONVERSATION_CREATED
					: DemoData.FIXTURE_CONVERSATION_CREATED.minus(i, ChronoUnit.DAYS);
			Instant updated = (i == 0) ? DemoData.FIXTURE_CONVERSATION_UPDATED : created.plus(2, ChronoUnit.MINUTES);
			ConversationRecord conversation = new ConversationRecord(id, seededConversationName(i), created,
					this.sequence++);
			conversation.updated = updated;
			conversation.modelId = DemoData.DEFAULT_MODEL_ID;
			this.conversations.put(id, conversation);
			String question;
			String answer;
			if (i == 0) {
				question = DemoData.FIXTURE_QUESTION;
				answer = String.join("", DemoData.FIXTURE_CHUNKS);
			}
			else {
				DemoData.Snippet snippet = DemoData.snippet(i);
				question = "What does the snippet \"" + snippet.name() + "\" do?";
				answer = SimulatorCopilot.generatedAnswer(question);
			}
			String userId = (i == 0) ? DemoData.FIXTURE_MESSAGE_IDS.get(0) : DemoData.seededId("message-user", i);
			String assistantId = (i == 0) ? DemoData.FIXTURE_MESSAGE_IDS.get(1)
					: DemoData.seededId("message-assistant", i);
			addMessage(conversation, userId, "USER", question, null, created.plusSeconds(1));
			addMessage(conversation, assistantId, "ASSISTANT", answer, conversation.modelId, updated);
			if (!this.assets.isEmpty()) {
				conversation.assetIds.add(DemoData.assetId(i % this.assets.size()));
			}
		}
	}

	private static String seededConversationName(int index) {
		if (index == 0) {
			return "Retry helper questions";
		}
		if (index == 1) {
			return "Snippet explanations";
		}
		return "Copilot chat " + (index + 1) + ": " + DemoData.snippet(index).name();
	}

	// ---- switches

	synchronized boolean isSignedIn() {
		return this.signedIn;
	}

	synchronized void setSignedIn(boolean signedIn) {
		this.signedIn = signedIn;
	}

	synchronized boolean isHealthy() {
		return this.healthy;
	}

	synchronized void setHealthy(boolean healthy) {
		this.healthy = healthy;
	}

	synchronized String version() {
		return this.version;
	}

	synchronized void setVersion(String version) {
		this.version = version;
	}

	boolean explicitNulls() {
		return this.explicitNulls;
	}

	private static <T> List<String> idsInOrder(Collection<T> records, Comparator<T> order, Function<T, String> id) {
		return records.stream().sorted(order).map(id).toList();
	}

	/**
	 * Look a live entity up; a missing one is 410 Gone once deleted, 404 if it never existed.
	 */
	private static <T> T find(Map<String, T> live, Set<String> deleted, String kind, String id) {
		T entity = live.get(id);
		if (entity == null) {
			throw new MissingEntityException(kind, id, deleted.contains(id));
		}
		return entity;
	}

	// ---- anchors, ranges and workstream summaries

	synchronized List<String> workstreamIds(StreamKind kind) {
		return this.workstream.ids(kind);
	}

	synchronized ObjectNode workstreamJson(StreamKind kind, String id) {
		return this.workstream.json(kind, id);
	}

	synchronized ObjectNode workstreamCollectionJson(StreamKind kind) {
		return this.workstream.collectionJson(kind);
	}

	/**
	 * The anchors, ranges and workstream summaries; call with the store's monitor held.
	 * @return the items
	 */
	WorkstreamItems workstream() {
		return this.workstream;
	}

	// ---- assets

	/**
	 * Ids of all live assets, newest first.
	 * @return a new list
	 */
	synchronized List<String> assetIds() {
		return idsInOrder(this.assets.values(),
				Comparator.comparing((AssetRecord a) -> a.created).reversed().thenComparingLong((a) -> a.sequence),
				(a) -> a.id);
	}

	synchronized AssetRecord asset(String id) {
		return find(this.assets, this.deletedAssets, "Asset", id);
	}

	synchronized AssetRecord createAsset(String name, String text, String language) {
		Instant now = Json.now();
		AssetRecord asset = new AssetRecord(UUID.randomUUID().toString(), UUID.randomUUID().toString(), name, text,
				DemoData.normalizeLanguage(language), now, this.sequence++);
		asset.updated = now;
		asset.interacted = now;
		asset.score = new int[] { 1, 0, 0, 0 };
		this.assets.put(asset.id, asset);
		return asset;
	}

	synchronized AssetRecord renameAsset(String id, String name) {
		return editAsset(id, name, null, null);
	}

	/**
	 * Change an asset's name, text (the raw content of its only format) or language; what is {@code null} stays.
	 * @param id the asset
	 * @param name the new name, or {@code null}
	 * @param text the new text, or {@code null}
	 * @param language the new language (a file extension), or {@code null}
	 * @return the changed asset
	 */
	synchronized AssetRecord editAsset(String id, @Nullable String name, @Nullable String text,
			@Nullable String language) {
		AssetRecord asset = asset(id);
		if (name != null) {
			asset.name = name;
		}
		if (text != null) {
			asset.text = text;
		}
		if (language != null) {
			asset.language = DemoData.normalizeLanguage(language);
		}
		asset.updated = later(asset.updated);
		return asset;
	}

	/**
	 * Mark an asset as a favourite or not.
	 * @param id the asset
	 * @param favorited whether it is a favourite
	 * @return the changed asset
	 */
	synchronized AssetRecord favoriteAsset(String id, boolean favorited) {
		AssetRecord asset = asset(id);
		asset.favorited = favorited;
		asset.updated = later(asset.updated);
		return asset;
	}

	/**
	 * Return the asset whose only format has the given id.
	 * @param formatId the format id
	 * @return the asset
	 */
	synchronized AssetRecord assetOfFormat(String formatId) {
		for (AssetRecord asset : this.assets.values()) {
			if (asset.formatId.equals(formatId)) {
				return asset;
			}
		}
		throw new MissingEntityException("Format", formatId, false);
	}

	/**
	 * Delete an asset and take it out of every conversation that referenced it; such a
	 * conversation has changed, so its {@code updated} moves forward.
	 * @param id the asset
	 * @return the conversations that referenced the asset
	 */
	synchronized List<ConversationRecord> deleteAsset(String id) {
		asset(id);
		this.assets.remove(id);
		this.deletedAssets.add(id);
		List<ConversationRecord> changed = new ArrayList<>();
		for (ConversationRecord conversation : this.conversations.values()) {
			if (conversation.assetIds.remove(id)) {
				conversation.updated = later(conversation.updated);
				changed.add(conversation);
			}
		}
		return changed;
	}

	// ---- conversations and messages

	synchronized List<String> conversationIds() {
		return idsInOrder(this.conversations.values(),
				Comparator.comparing((ConversationRecord c) -> c.updated).reversed().thenComparingLong((c) -> c.sequence),
				(c) -> c.id);
	}

	synchronized ConversationRecord conversation(String id) {
		return find(this.conversations, this.deletedConversations, "Conversation", id);
	}

	synchronized ConversationRecord createConversation(String name, @Nullable String modelId,
			@Nullable JsonNode pipeline) {
		Instant now = Json.now();
		ConversationRecord conversation = new ConversationRecord(UUID.randomUUID().toString(), name, now,
				this.sequence++);
		conversation.updated = now;
		conversation.modelId = (modelId != null) ? modelId : DemoData.DEFAULT_MODEL_ID;
		if (pipeline != null && pipeline.isObject()) {
			conversation.pipeline = (ObjectNode) pipeline.deepCopy();
		}
		this.conversations.put(conversation.id, conversation);
		return conversation;
	}

	synchronized ConversationRecord renameConversation(String id, String name) {
		ConversationRecord conversation = conversation(id);
		conversation.name = name;
		conversation.updated = later(conversation.updated);
		return conversation;
	}

	synchronized void deleteConversation(String id) {
		ConversationRecord conversation = conversation(id);
		this.conversations.remove(id);
		this.deletedConversations.add(id);
		for (String messageId : conversation.messageIds) {
			this.messages.remove(messageId);
			this.deletedMessages.add(messageId);
		}
	}

	synchronized MessageRecord appendMessage(String conversationId, String role, String text,
			@Nullable String modelId) {
		ConversationRecord conversation = conversation(conversationId);
		Instant now = later(conversation.updated);
		MessageRecord message = addMessage(conversation, UUID.randomUUID().toString(), role, text, modelId, now);
		conversation.updated = now;
		return message;
	}

	private MessageRecord addMessage(ConversationRecord conversation, String id, String role, String text,
			@Nullable String modelId, Instant created) {
		MessageRecord message = new MessageRecord(id, conversation.id, role, text, modelId, created);
		this.messages.put(id, message);
		conversation.messageIds.add(id);
		return message;
	}

	/**
	 * Delete a message: it leaves its conversation (whose {@code updated} moves) and answers 410 from then on.
	 * @param id the message
	 * @return the id of its conversation
	 */
	synchronized String deleteMessage(String id) {
		MessageRecord message = message(id);
		ConversationRecord conversation = conversation(message.conversationId());
		this.messages.remove(id);
		this.deletedMessages.add(id);
		conversation.messageIds.remove(id);
		conversation.updated = later(conversation.updated);
		return conversation.id;
	}

	synchronized MessageRecord message(String id) {
		return find(this.messages, this.deletedMessages, "Message", id);
	}

	/**
	 * Attach an asset, an anchor or a range to a conversation, or detach it.
	 * @param conversationId the conversation
	 * @param kind {@link StreamKind#ASSETS}, {@link StreamKind#ANCHORS} or {@link StreamKind#RANGES}
	 * @param targetId the item to attach or detach
	 * @param associate whether to attach
	 * @throws MissingEntityException for an unknown conversation or item
	 */
	synchronized void associate(String conversationId, StreamKind kind, String targetId, boolean associate) {
		ConversationRecord conversation = conversation(conversationId);
		if (kind == StreamKind.ASSETS) {
			asset(targetId);
		}
		else {
			this.workstream.item(kind, targetId);
		}
		List<String> ids = conversation.associated(kind);
		boolean changed = associate ? (!ids.contains(targetId) && ids.add(targetId)) : ids.remove(targetId);
		if (changed) {
			conversation.updated = later(conversation.updated);
		}
	}

	/**
	 * Take a deleted anchor or range out of every conversation that referenced it.
	 * @param kind the stream of the item
	 * @param id the item
	 * @return the conversations that changed
	 */
	synchronized List<ConversationRecord> detachEverywhere(StreamKind kind, String id) {
		List<ConversationRecord> changed = new ArrayList<>();
		for (ConversationRecord conversation : this.conversations.values()) {
			if (kind != StreamKind.WORKSTREAM_SUMMARIES && conversation.associated(kind).remove(id)) {
				conversation.updated = later(conversation.updated);
				changed.add(conversation);
			}
		}
		return changed;
	}

	/**
	 * A timestamp that is "now" but strictly after the given one, so that every update moves time forward.
	 */
	private static Instant later(Instant previous) {
		Instant now = Json.now();
		return now.isAfter(previous) ? now : previous.plusMillis(1);
	}

	// ---- wire JSON

	synchronized ObjectNode assetJson(String id, boolean transferables) {
		AssetRecord asset = asset(id);
		ObjectNode node = Json.object();
		node.put("id", asset.id);
		node.set("schema", Json.schema());
		node.put("name", asset.name);
		node.put("creator", DemoData.USER_ID);
		node.put("mechanism", "MANUAL");
		node.set("created", Json.groupedTimestamp(asset.created, true));
		node.set("updated", Json.groupedTimestamp(asset.updated, true));
		node.set("interacted", Json.groupedTimestamp(asset.interacted, false));
		node.put("favorited", asset.favorited);
		node.put("discovered", false);
		node.put("pseudo", false);
		node.put("demo", false);
		ObjectNode formats = node.putObject("formats");
		formats.set("schema", Json.schema());
		formats.putArray("iterable").add(formatJson(asset, flattenedAsset(asset), transferables));
		ObjectNode original = node.putObject("original");
		original.put("id", asset.formatId);
		original.set("reference", formatJson(asset, StringNode.valueOf(asset.id), transferables));
		ObjectNode preview = node.putObject("preview");
		preview.set("schema", Json.schema());
		ObjectNode base = preview.putObject("base");
		base.put("id", asset.formatId);
		base.set("reference", formatJson(asset, StringNode.valueOf(asset.id), transferables));
		ObjectNode score = node.putObject("score");
		score.put("manual", asset.score[0]);
		score.put("automatic", asset.score[1]);
		score.put("reuse", asset.score[2]);
		score.put("update", asset.score[3]);
		score.put("reference", 0);
		score.put("searched", 0);
		score.put("priority", 0);
		return this.explicitNulls ? Json.nullsFor(node, ASSET_OPTIONAL) : node;
	}

	/**
	 * The {@code Format} snapshot of an asset's only format, as {@code GET /format/{id}} returns it.
	 * @param formatId the format id
	 * @param transferable whether to include the raw content
	 * @return the format
	 */
	synchronized ObjectNode formatJson(String formatId, boolean transferable) {
		AssetRecord asset = assetOfFormat(formatId);
		return formatJson(asset, flattenedAsset(asset), transferable);
	}

	private ObjectNode formatJson(AssetRecord asset, JsonNode assetReference, boolean transferable) {
		ObjectNode format = Json.object();
		format.put("id", asset.formatId);
		format.set("schema", Json.schema());
		format.put("creator", DemoData.USER_ID);
		format.set("asset", assetReference);
		format.set("application", vsCodeApplication());
		format.put("role", "BOTH");
		ObjectNode classification = format.putObject("classification");
		classification.set("schema", Json.schema());
		classification.put("generic", ("txt".equals(asset.language) || "md".equals(asset.language)) ? "TEXT" : "CODE");
		classification.put("specific", asset.language);
		ObjectNode bytes = format.putObject("bytes");
		int size = asset.text.getBytes(StandardCharsets.UTF_8).length;
		bytes.put("value", size);
		bytes.put("readable", readableSize(size));
		format.set("created", Json.groupedTimestamp(asset.created, true));
		format.set("updated", Json.groupedTimestamp(asset.updated, true));
		if (transferable) {
			ObjectNode fragment = format.putObject("fragment");
			fragment.set("schema", Json.schema());
			fragment.putObject("string").put("raw", asset.text);
			fragment.putObject("metadata").put("ext", asset.language);
		}
		return format;
	}

	private static ObjectNode flattenedAsset(AssetRecord asset) {
		ObjectNode flat = Json.object();
		flat.put("id", asset.id);
		flat.set("schema", Json.schema());
		flat.put("name", asset.name);
		flat.put("creator", DemoData.USER_ID);
		flat.put("mechanism", "MANUAL");
		flat.set("created", Json.groupedTimestamp(asset.created, true));
		flat.set("updated", Json.groupedTimestamp(asset.updated, true));
		flat.put("original", asset.formatId);
		flat.putObject("preview").put("base", asset.formatId);
		flat.putObject("formats").putArray("iterable").addObject().put("id", asset.formatId);
		return flat;
	}

	private static String readableSize(int size) {
		if (size < 1024) {
			return size + " B";
		}
		if (size < 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f KB", size / 1024.0);
		}
		return String.format(Locale.ROOT, "%.1f MB", size / (1024.0 * 1024.0));
	}

	synchronized ObjectNode conversationJson(String id) {
		ConversationRecord conversation = conversation(id);
		ObjectNode node = Json.object();
		node.put("id", conversation.id);
		node.set("schema", Json.schema());
		node.put("name", conversation.name);
		node.put("type", "COPILOT");
		node.put("favorited", false);
		node.set("created", Json.groupedTimestamp(conversation.created, false));
		node.set("updated", Json.groupedTimestamp(conversation.updated, false));
		node.set("messages", referenceList(conversation.messageIds));
		node.set("application", openSourceApplication());
		node.putObject("model").put("id", conversation.modelId);
		if (!conversation.assetIds.isEmpty()) {
			node.set("assets", referenceList(conversation.assetIds));
		}
		if (!conversation.anchorIds.isEmpty()) {
			node.set("anchors", referenceList(conversation.anchorIds));
		}
		if (!conversation.rangeIds.isEmpty()) {
			// ConversationGrounding.temporal (TemporalRangeGrounding).workstreams (FlattenedRanges)
			node.putObject("grounding").putObject("temporal").set("workstreams", referenceList(conversation.rangeIds));
		}
		if (conversation.pipeline != null) {
			node.set("pipeline", conversation.pipeline.deepCopy());
		}
		else {
			node.putObject("pipeline").putObject("conversation").putObject("generalized_code_dialog");
		}
		return this.explicitNulls ? Json.nullsFor(node, CONVERSATION_OPTIONAL) : node;
	}

	private static ObjectNode referenceList(List<String> ids) {
		ObjectNode list = Json.object();
		ArrayNode iterable = list.putArray("iterable");
		ObjectNode indices = Json.object();
		for (int i = 0; i < ids.size(); i++) {
			iterable.addObject().put("id", ids.get(i));
			indices.put(ids.get(i), i);
		}
		list.set("indices", indices);
		return list;
	}

	synchronized ObjectNode messageJson(String id) {
		MessageRecord message = message(id);
		ObjectNode node = Json.object();
		node.put("id", message.id);
		node.set("schema", Json.schema());
		node.putObject("conversation").put("id", message.conversationId);
		node.set("created", Json.groupedTimestamp(message.created, false));
		node.set("updated", Json.groupedTimestamp(message.created, false));
		node.put("role", message.role);
		ObjectNode fragment = node.putObject("fragment");
		fragment.set("schema", Json.schema());
		fragment.putObject("string").put("raw", message.text);
		if (message.modelId != null) {
			node.putObject("model").put("id", message.modelId);
		}
		return this.explicitNulls ? Json.nullsFor(node, MESSAGE_OPTIONAL) : node;
	}

	/**
	 * The {@code UserProfile} of the signed-in user, or {@code null} when signed out.
	 * @return the profile or {@code null}
	 */
	synchronized @Nullable ObjectNode userJson() {
		if (!this.signedIn) {
			return null;
		}
		ObjectNode user = Json.object();
		user.put("id", DemoData.USER_ID);
		user.set("schema", Json.schema());
		ObjectNode aesthetics = user.putObject("aesthetics");
		aesthetics.set("schema", Json.schema());
		ObjectNode theme = aesthetics.putObject("theme");
		theme.set("schema", Json.schema());
		theme.put("dark", true);
		ObjectNode font = aesthetics.putObject("font");
		font.set("schema", Json.schema());
		font.put("size", 14);
		user.put("name", "Ada Example");
		user.put("username", "ada-example");
		user.put("email", "ada@example.com");
		user.put("picture", "https://example.com/avatars/ada.png");
		user.putObject("created").put("value", "2024-11-02T09:15:41.207Z");
		user.putObject("updated").put("value", "2025-06-03T14:02:55.918Z");
		return this.explicitNulls ? Json.nullsFor(user, USER_OPTIONAL) : user;
	}

	/**
	 * The {@code ReturnedUserProfile} of {@code GET /user}.
	 * @return the snapshot
	 */
	synchronized ObjectNode userSnapshotJson() {
		ObjectNode node = Json.object();
		node.set("schema", Json.schema());
		ObjectNode user = userJson();
		if (user != null) {
			node.set("user", user);
		}
		else if (this.explicitNulls) {
			node.putNull("user");
		}
		return node;
	}

	static ObjectNode openSourceApplication() {
		return application(DemoData.OPEN_SOURCE_APPLICATION_ID, "OPEN_SOURCE", "5.0.0", "LINUX", false);
	}

	static ObjectNode vsCodeApplication() {
		return application(DemoData.VS_CODE_APPLICATION_ID, "VS_CODE", "2.9.1", "MACOS", true);
	}

	static ObjectNode application(String id, String name, String version, String platform, boolean onboarded) {
		ObjectNode application = Json.object();
		application.put("id", id);
		application.put("name", name);
		application.put("version", version);
		application.put("platform", platform);
		application.put("onboarded", onboarded);
		application.put("privacy", "OPEN");
		application.put("capabilities", "BLENDED");
		application.put("mechanism", "MANUAL");
		application.put("automaticUnload", false);
		application.set("schema", Json.schema());
		return application;
	}

	/**
	 * A mutable asset.
	 */
	static final class AssetRecord {

		final String id;

		final String formatId;

		String text;

		String language;

		final Instant created;

		final long sequence;

		String name;

		Instant updated;

		Instant interacted;

		int[] score = new int[4];

		boolean favorited;

		AssetRecord(String id, String formatId, String name, String text, String language, Instant created,
				long sequence) {
			this.id = id;
			this.formatId = formatId;
			this.name = name;
			this.text = text;
			this.language = language;
			this.created = created;
			this.updated = created;
			this.interacted = created;
			this.sequence = sequence;
		}

	}

	/**
	 * A mutable conversation.
	 */
	static final class ConversationRecord {

		final String id;

		final Instant created;

		final long sequence;

		final List<String> messageIds = new ArrayList<>();

		final List<String> assetIds = new ArrayList<>();

		final List<String> anchorIds = new ArrayList<>();

		final List<String> rangeIds = new ArrayList<>();

		String name;

		Instant updated;

		String modelId = DemoData.DEFAULT_MODEL_ID;

		@Nullable ObjectNode pipeline;

		ConversationRecord(String id, String name, Instant created, long sequence) {
			this.id = id;
			this.name = name;
			this.created = created;
			this.updated = created;
			this.sequence = sequence;
		}

		List<String> associated(StreamKind kind) {
			return switch (kind) {
				case ASSETS -> this.assetIds;
				case ANCHORS -> this.anchorIds;
				case RANGES -> this.rangeIds;
				default -> throw new IllegalArgumentException("Conversations do not reference " + kind);
			};
		}

	}

	/**
	 * An immutable conversation message.
	 * @param id the message id
	 * @param conversationId the conversation it belongs to
	 * @param role {@code USER} or {@code ASSISTANT}
	 * @param text the message text
	 * @param modelId the model that wrote it (assistant messages)
	 * @param created when it was written
	 */
	record MessageRecord(String id, String conversationId, String role, String text, @Nullable String modelId,
			Instant created) {
	}

}
