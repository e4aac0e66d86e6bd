package app.pieces.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import jakarta.websocket.Session;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's behaviour independent of the HTTP server: data, sessions, frames and timers. It survives
 * restarts of the embedded server.
 */
final class SimulatorHub {

	private static final System.Logger logger = System.getLogger(SimulatorHub.class.getName());

	private static final String[] IDENTIFIER_FIELDS = { "activity", "anchor", "anchorPoint", "annotation",
			"application", "asset", "conversation", "conversationMessage", "entity",
			"entity_to_subscription_association", "entity_to_user_association", "format", "hint", "model", "person",
			"range", "sensitive", "subscription", "tag", "updated", "website", "workstreamPatternEngineSource",
			"workstreamPatternEngineSourceWindow", "workstream_summary",
			"workstream_summary_to_workstream_summary_association", "deleted" };

	private final SimulatorStore store;

	private final SimulatorCopilot copilot;

	private final SimulatorMcp mcp;

	private final Map<StreamKind, Map<String, OutboundSession>> sessions = new EnumMap<>(StreamKind.class);

	private final Map<String, LongAdder> restRequests = new ConcurrentHashMap<>();

	private final ExecutorService sendExecutor;

	private final ScheduledExecutorService scheduler;

	private final boolean explicitNulls;

	// guarded by this
	private boolean ltmActive = true;

	private Instant ltmSince = Instant.parse("2025-06-03T08:00:00.000Z");

	private @Nullable Instant ltmPausedUntil;

	private final Duration healthInterval;

	private boolean timersStarted;

	private volatile Duration restLatency;

	private volatile boolean updatedInIdentifiers;

	private volatile boolean bulkRefused;

	private volatile Duration bulkItemDelay = Duration.ZERO;

	/** Cut the next bulk answer after this many items (then back to -1: no cut). */
	private final AtomicInteger bulkCutAfter = new AtomicInteger(-1);

	private final Map<StreamKind, String> nextFirstFrames = new ConcurrentHashMap<>();

	SimulatorHub(SimulatorStore store, boolean explicitNulls, boolean initializedFrame, Duration restLatency,
			Duration chunkDelay, Duration healthInterval, boolean updatedInIdentifiers) {
		this.store = store;
		this.explicitNulls = explicitNulls;
		this.restLatency = restLatency;
		this.updatedInIdentifiers = updatedInIdentifiers;
		for (StreamKind kind : StreamKind.values()) {
			this.sessions.put(kind, new ConcurrentHashMap<>());
		}
		this.sendExecutor = Executors.newCachedThreadPool(daemonThreads("pieces-sim-send-"));
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, daemonThreads("pieces-sim-timer-"));
		scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler = scheduler;
		this.copilot = new SimulatorCopilot(this, initializedFrame, chunkDelay);
		this.mcp = new SimulatorMcp(this);
		this.healthInterval = healthInterval;
	}

	/**
	 * Start the periodic health frames (once; later calls do nothing).
	 */
	synchronized void startTimers() {
		if (this.timersStarted || this.healthInterval.isZero() || this.healthInterval.isNegative()) {
			return;
		}
		this.timersStarted = true;
		long millis = Math.max(1, this.healthInterval.toMillis());
		this.scheduler.scheduleAtFixedRate(() -> broadcast(StreamKind.HEALTH, healthFrame()), millis, millis,
				TimeUnit.MILLISECONDS);
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			// not the web application's class loader of whichever Tomcat thread created it
			thread.setContextClassLoader(SimulatorHub.class.getClassLoader());
			return thread;
		};
	}

	SimulatorStore store() {
		return this.store;
	}

	SimulatorCopilot copilot() {
		return this.copilot;
	}

	SimulatorMcp mcp() {
		return this.mcp;
	}

	ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	boolean explicitNulls() {
		return this.explicitNulls;
	}

	// ---- REST bookkeeping

	void countRequest(String path) {
		this.restRequests.computeIfAbsent(path, (key) -> new LongAdder()).increment();
	}

	long restRequests(String pathPrefix) {
		long total = 0;
		for (Map.Entry<String, LongAdder> entry : this.restRequests.entrySet()) {
			if (entry.getKey().startsWith(pathPrefix)) {
				total += entry.getValue().sum();
			}
		}
		return total;
	}

	Duration restLatency() {
		return this.restLatency;
	}

	void setRestLatency(Duration restLatency) {
		if (restLatency.isNegative()) {
			throw new IllegalArgumentException("REST latency must not be negative: " + restLatency);
		}
		this.restLatency = restLatency;
	}

	boolean bulkRefused() {
		return this.bulkRefused;
	}

	void setBulkRefused(boolean bulkRefused) {
		this.bulkRefused = bulkRefused;
	}

	Duration bulkItemDelay() {
		return this.bulkItemDelay;
	}

	void setBulkItemDelay(Duration bulkItemDelay) {
		if (bulkItemDelay.isNegative()) {
			throw new IllegalArgumentException("Bulk item delay must not be negative: " + bulkItemDelay);
		}
		this.bulkItemDelay = bulkItemDelay;
	}

	void cutNextBulkAfter(int items) {
		if (items < 0) {
			throw new IllegalArgumentException("Items must not be negative: " + items);
		}
		this.bulkCutAfter.set(items);
	}

	/**
	 * Take the one-shot cut of the next bulk answer.
	 * @return after how many items to cut it, or -1 for no cut
	 */
	int takeBulkCut() {
		return this.bulkCutAfter.getAndSet(-1);
	}

	boolean updatedInIdentifiers() {
		return this.updatedInIdentifiers;
	}

	void setUpdatedInIdentifiers(boolean updatedInIdentifiers) {
		this.updatedInIdentifiers = updatedInIdentifiers;
	}

	/**
	 * Replace the first frame of the next connection of a stream, once.
	 * @param kind the stream
	 * @param text the frame to send instead of the usual first frame
	 */
	void replaceNextFirstFrame(StreamKind kind, String text) {
		this.nextFirstFrames.put(kind, text);
	}

	// ---- sessions

	/**
	 * Register a new session and queue the frames a client gets on connect. Registration and the first frame
	 * happen under the store's monitor, so no delta can slip in before the full list.
	 * @param kind the stream
	 * @param session the websocket session
	 * @return the registered session
	 */
	OutboundSession opened(StreamKind kind, Session session) {
		OutboundSession outbound = new OutboundSession(session, kind, this.sendExecutor);
		synchronized (this.store) {
			this.sessions.get(kind).put(session.getId(), outbound);
			String replaced = this.nextFirstFrames.remove(kind);
			String first = (replaced != null) ? replaced : firstFrame(kind);
			if (first != null) {
				outbound.send(first);
			}
		}
		return outbound;
	}

	void closed(StreamKind kind, Session session) {
		OutboundSession outbound = this.sessions.get(kind).remove(session.getId());
		if (outbound != null && kind == StreamKind.QGPT) {
			this.copilot.sessionClosed(outbound);
		}
	}

	int openSessions(StreamKind kind) {
		int open = 0;
		for (OutboundSession session : this.sessions.get(kind).values()) {
			if (session.isOpen()) {
				open++;
			}
		}
		return open;
	}

	/**
	 * Send a text frame to every open session of a stream.
	 * @param kind the stream
	 * @param text the frame
	 * @return how many sessions it was queued for
	 */
	int broadcast(StreamKind kind, String text) {
		int count = 0;
		for (OutboundSession session : this.sessions.get(kind).values()) {
			if (session.isOpen()) {
				session.send(text);
				count++;
			}
		}
		return count;
	}

	private @Nullable String firstFrame(StreamKind kind) {
		return switch (kind) {
			case HEALTH -> healthFrame();
			case USER -> userFrame();
			case ASSETS -> identifiersFrame(kind, this.store.assetIds(), (id) -> this.store.asset(id).updated);
			case CONVERSATIONS -> identifiersFrame(kind, this.store.conversationIds(),
					(id) -> this.store.conversation(id).updated);
			case ANCHORS, RANGES, WORKSTREAM_SUMMARIES -> identifiersFrame(kind, this.store.workstreamIds(kind),
					(id) -> this.store.workstream().item(kind, id).updated);
			case VISION -> Json.write(visionStatusJson());
			case QGPT -> null;
		};
	}

	// ---- frames

	String healthFrame() {
		return this.store.isHealthy() ? "OK" : "UNHEALTHY";
	}

	String userFrame() {
		ObjectNode user = this.store.userJson();
		return (user != null) ? Json.write(user) : "";
	}

	/**
	 * The full id list sent first on every connect. Items carry ids only, or also each object's
	 * {@code updated} while {@link #setUpdatedInIdentifiers(boolean) switched on}. Call under the store's
	 * monitor.
	 * @param kind the stream
	 * @param ids the ids in stream order
	 * @param updatedOf the update time of an id
	 * @return the frame
	 */
	String identifiersFrame(StreamKind kind, List<String> ids, Function<String, @Nullable Instant> updatedOf) {
		boolean withUpdated = this.updatedInIdentifiers;
		ObjectNode frame = Json.object();
		if (this.explicitNulls) {
			frame.putNull("schema");
		}
		ArrayNode iterable = frame.putArray("iterable");
		for (String id : ids) {
			iterable.add(identifier(kind, id, false, withUpdated ? updatedOf.apply(id) : null));
		}
		return Json.write(frame);
	}

	String deltaFrame(StreamKind kind, String id, boolean deleted, @Nullable Instant updated) {
		ObjectNode frame = Json.object();
		if (this.explicitNulls) {
			frame.putNull("schema");
		}
		frame.putArray("iterable").add(identifier(kind, id, true, deleted ? null : updated));
		if (deleted) {
			((ObjectNode) frame.get("iterable").get(0)).put("deleted", true);
		}
		return Json.write(frame);
	}

	private ObjectNode identifier(StreamKind kind, String id, boolean delta, @Nullable Instant updated) {
		ObjectNode item = Json.object();
		ObjectNode reference = item.putObject(referenceField(kind));
		reference.put("id", id);
		if (this.explicitNulls) {
			reference.putNull("reference");
			reference.putNull("schema");
		}
		if (delta) {
			item.put("deleted", false);
		}
		if (updated != null) {
			item.set("updated", Json.groupedTimestamp(updated, false));
		}
		return this.explicitNulls ? Json.nullsFor(item, IDENTIFIER_FIELDS) : item;
	}

	private static String referenceField(StreamKind kind) {
		return switch (kind) {
			case ASSETS -> "asset";
			case CONVERSATIONS -> "conversation";
			case ANCHORS -> "anchor";
			case RANGES -> "range";
			case WORKSTREAM_SUMMARIES -> "workstream_summary";
			default -> throw new IllegalArgumentException("Not an identifier stream: " + kind);
		};
	}

	synchronized boolean isLtmActive() {
		return this.ltmActive;
	}

	/**
	 * What long-term memory recalls for some words: the workstream summaries (with the text of the memories
	 * created over MCP) and the assets whose name or text contains one of them, newest summaries first; failing
	 * any match, the newest summaries.
	 * @param words lower-case words of a question
	 * @param memories the markdown of the memories created over MCP, by summary id
	 * @return one line per item recalled
	 */
	List<String> recall(List<String> words, Map<String, String> memories) {
		List<String> lines = new ArrayList<>();
		List<String> newest = new ArrayList<>();
		synchronized (this.store) {
			for (String id : this.store.workstreamIds(StreamKind.WORKSTREAM_SUMMARIES)) {
				WorkstreamItems.Item summary = this.store.workstream().item(StreamKind.WORKSTREAM_SUMMARIES, id);
				String memory = memories.getOrDefault(id, "");
				String line = "Workstream summary \"" + summary.name + "\" (" + Json.timestamp(summary.created) + ")"
						+ (memory.isEmpty() ? "" : ": " + memory);
				if (newest.size() < 3) {
					newest.add(line);
				}
				if (mentions(summary.name + " " + memory, words)) {
					lines.add(line);
				}
			}
			for (String id : this.store.assetIds()) {
				SimulatorStore.AssetRecord asset = this.store.asset(id);
				if (mentions(asset.name + " " + asset.text, words)) {
					lines.add("Saved snippet \"" + asset.name + "\" (" + asset.language + ")");
				}
			}
		}
		return lines.isEmpty() ? newest : lines;
	}

	private static boolean mentions(@Nullable String text, List<String> words) {
		String haystack = (text != null) ? text.toLowerCase(java.util.Locale.ROOT) : "";
		return words.stream().anyMatch(haystack::contains);
	}

	synchronized ObjectNode visionStatusJson() {
		ObjectNode status = Json.object();
		status.set("schema", Json.schema());
		ObjectNode vision = status.putObject("vision");
		vision.set("schema", Json.schema());
		vision.put("degraded", false);
		if (this.ltmActive) {
			ObjectNode activation = vision.putObject("activation");
			activation.putObject("from").put("value", Json.timestamp(this.ltmSince));
			activation.put("continuous", true);
		}
		else {
			ObjectNode deactivation = vision.putObject("deactivation");
			deactivation.putObject("from").put("value", Json.timestamp(this.ltmSince));
			if (this.ltmPausedUntil != null) {
				deactivation.putObject("to").put("value", Json.timestamp(this.ltmPausedUntil));
			}
			else {
				deactivation.put("continuous", true);
			}
		}
		if (this.explicitNulls) {
			Json.nullsFor(vision, this.ltmActive ? "deactivation" : "activation", "migration");
			Json.nullsFor(status, "clipboard");
		}
		return status;
	}

	/**
	 * Turn long-term memory on or pause it ({@code POST .../vision/activate}, {@code .../deactivate}) and send the
	 * new status on the vision stream.
	 * @param active whether it is on
	 * @param pausedUntil when a pause ends by itself, or {@code null}
	 * @return the new status
	 */
	ObjectNode setLtm(boolean active, @Nullable Instant pausedUntil) {
		ObjectNode status;
		synchronized (this) {
			this.ltmActive = active;
			this.ltmPausedUntil = active ? null : pausedUntil;
			this.ltmSince = Json.now();
			status = visionStatusJson();
		}
		broadcast(StreamKind.VISION, Json.write(status));
		return status;
	}

	// ---- mutations that announce themselves

	SimulatorStore.AssetRecord createAsset(String name, String text, String language, boolean silent) {
		synchronized (this.store) {
			SimulatorStore.AssetRecord asset = this.store.createAsset(name, text, language);
			announce(StreamKind.ASSETS, asset.id, false, asset.updated, silent);
			return asset;
		}
	}

	SimulatorStore.AssetRecord updateAsset(String id, String name, boolean silent) {
		synchronized (this.store) {
			SimulatorStore.AssetRecord asset = this.store.renameAsset(id, name);
			announce(StreamKind.ASSETS, asset.id, false, asset.updated, silent);
			return asset;
		}
	}

	SimulatorStore.AssetRecord editAsset(String id, @Nullable String name, @Nullable String text,
			@Nullable String language) {
		synchronized (this.store) {
			SimulatorStore.AssetRecord asset = this.store.editAsset(id, name, text, language);
			announce(StreamKind.ASSETS, asset.id, false, asset.updated, false);
			return asset;
		}
	}

	SimulatorStore.AssetRecord favoriteAsset(String id, boolean favorited) {
		synchronized (this.store) {
			SimulatorStore.AssetRecord asset = this.store.favoriteAsset(id, favorited);
			announce(StreamKind.ASSETS, asset.id, false, asset.updated, false);
			return asset;
		}
	}

	void deleteAsset(String id, boolean silent) {
		synchronized (this.store) {
			List<SimulatorStore.ConversationRecord> changed = this.store.deleteAsset(id);
			announce(StreamKind.ASSETS, id, true, null, silent);
			// the asset left these conversations: they changed, like Pieces OS says for an association
			for (SimulatorStore.ConversationRecord conversation : changed) {
				announce(StreamKind.CONVERSATIONS, conversation.id, false, conversation.updated, silent);
			}
		}
	}

	SimulatorStore.ConversationRecord createConversation(String name, @Nullable String modelId,
			@Nullable JsonNode pipeline, boolean silent) {
		synchronized (this.store) {
			SimulatorStore.ConversationRecord conversation = this.store.createConversation(name, modelId, pipeline);
			announce(StreamKind.CONVERSATIONS, conversation.id, false, conversation.updated, silent);
			return conversation;
		}
	}

	SimulatorStore.ConversationRecord updateConversation(String id, String name, boolean silent) {
		synchronized (this.store) {
			SimulatorStore.ConversationRecord conversation = this.store.renameConversation(id, name);
			announce(StreamKind.CONVERSATIONS, id, false, conversation.updated, silent);
			return conversation;
		}
	}

	void deleteConversation(String id, boolean silent) {
		synchronized (this.store) {
			this.store.deleteConversation(id);
			announce(StreamKind.CONVERSATIONS, id, true, null, silent);
		}
	}

	void associate(String conversationId, StreamKind kind, String targetId, boolean associate) {
		synchronized (this.store) {
			this.store.associate(conversationId, kind, targetId, associate);
			announce(StreamKind.CONVERSATIONS, conversationId, false,
					this.store.conversation(conversationId).updated, false);
		}
	}

	/**
	 * Append the user question and the assistant answer to a conversation and announce it.
	 * @param conversationId the conversation
	 * @param question the question
	 * @param answer the (possibly partial) answer, skipped when empty
	 * @param modelId the answering model
	 */
	void appendExchange(String conversationId, String question, String answer, String modelId) {
		synchronized (this.store) {
			try {
				this.store.appendMessage(conversationId, "USER", question, null);
				if (!answer.isEmpty()) {
					this.store.appendMessage(conversationId, "ASSISTANT", answer, modelId);
				}
				announce(StreamKind.CONVERSATIONS, conversationId, false,
						this.store.conversation(conversationId).updated, false);
			}
			catch (MissingEntityException ex) {
				logger.log(System.Logger.Level.INFO,
						"Conversation " + conversationId + " vanished while answering; messages not kept");
			}
		}
	}

	SimulatorStore.MessageRecord appendMessage(String conversationId, String role, String text) {
		synchronized (this.store) {
			SimulatorStore.MessageRecord message = this.store.appendMessage(conversationId, role, text, null);
			announce(StreamKind.CONVERSATIONS, conversationId, false, this.store.conversation(conversationId).updated,
					false);
			return message;
		}
	}

	void deleteMessage(String messageId) {
		synchronized (this.store) {
			String conversationId = this.store.deleteMessage(messageId);
			announce(StreamKind.CONVERSATIONS, conversationId, false, this.store.conversation(conversationId).updated,
					false);
		}
	}

	void setSignedIn(boolean signedIn, boolean silent) {
		synchronized (this.store) {
			this.store.setSignedIn(signedIn);
			if (!silent) {
				broadcast(StreamKind.USER, userFrame());
			}
		}
	}

	void setHealthy(boolean healthy) {
		synchronized (this.store) {
			this.store.setHealthy(healthy);
			broadcast(StreamKind.HEALTH, healthFrame());
		}
	}

	private void announce(StreamKind kind, String id, boolean deleted, @Nullable Instant updated, boolean silent) {
		if (!silent) {
			broadcast(kind, deltaFrame(kind, id, deleted, updated));
		}
	}

	/**
	 * Create an anchor, range or workstream summary and announce it on its stream.
	 * @param kind the stream
	 * @param name the anchor's path or the summary's name; ignored for ranges
	 * @param silent {@code true} to change the state without emitting a frame
	 * @return the new id
	 */
	String createWorkstreamItem(StreamKind kind, @Nullable String name, boolean silent) {
		synchronized (this.store) {
			WorkstreamItems.Item item = this.store.workstream().create(kind, name);
			announce(kind, item.id, false, item.updated, silent);
			return item.id;
		}
	}

	/**
	 * Create a range over a given time span (the {@code SeededRange} of {@code POST /ranges/create}).
	 * @param from the start, or {@code null} for an hour ago
	 * @param to the end, or {@code null} for now
	 * @return the id
	 */
	String createRange(@Nullable Instant from, @Nullable Instant to) {
		synchronized (this.store) {
			WorkstreamItems.Item item = this.store.workstream().create(StreamKind.RANGES, null);
			if (from != null) {
				item.from = from;
			}
			if (to != null) {
				item.to = to;
			}
			announce(StreamKind.RANGES, item.id, false, item.updated, false);
			return item.id;
		}
	}

	void renameWorkstreamItem(StreamKind kind, String id, String name, boolean silent) {
		synchronized (this.store) {
			WorkstreamItems.Item item = this.store.workstream().rename(kind, id, name);
			announce(kind, id, false, item.updated, silent);
		}
	}

	void deleteWorkstreamItem(StreamKind kind, String id, boolean silent) {
		synchronized (this.store) {
			this.store.workstream().delete(kind, id);
			announce(kind, id, true, null, silent);
			for (SimulatorStore.ConversationRecord conversation : this.store.detachEverywhere(kind, id)) {
				announce(StreamKind.CONVERSATIONS, conversation.id, false, conversation.updated, silent);
			}
		}
	}

	// ---- state

	ObjectNode stateJson() {
		synchronized (this.store) {
			ObjectNode state = Json.object();
			ArrayNode assets = state.putArray("assets");
			this.store.assetIds().forEach(assets::add);
			ArrayNode conversations = state.putArray("conversations");
			this.store.conversationIds().forEach(conversations::add);
			ObjectNode user = this.store.userJson();
			if (user != null) {
				state.set("user", user);
			}
			else {
				state.putNull("user");
			}
			state.put("healthy", this.store.isHealthy());
			state.put("version", this.store.version());
			return state;
		}
	}

	/**
	 * Stop every timer and sender thread and wait briefly for them to end.
	 */
	void shutdown() {
		this.copilot.shutdown();
		this.scheduler.shutdownNow();
		this.sendExecutor.shutdownNow();
		try {
			this.scheduler.awaitTermination(5, TimeUnit.SECONDS);
			this.sendExecutor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
