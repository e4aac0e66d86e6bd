package app.pieces.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated copilot behind {@code /qgpt/stream}: deterministic scripted answers streamed as
 * {@code IN-PROGRESS} chunks, several requests in flight per socket told apart by {@code request}, stop and
 * reset, and scripting hooks for tests (failures, silence, recorded inputs).
 * <p>
 * Obtain it with {@link PiecesOsSimulator#copilot()}.
 */
public final class SimulatorCopilot {

	private static final System.Logger logger = System.getLogger(SimulatorCopilot.class.getName());

	private static final String[] OUTPUT_OPTIONAL = { "question", "relevance", "statusCode", "errorMessage",
			"agentRoutes", "extracted", "intermediate_messages", "prompt_context_materials", "migration" };

	private static final String[] SENTENCES = {
			"Start from the smallest reproducible example and add one behaviour at a time.",
			"Keep the side effects at the edges so that the core stays easy to test.",
			"Prefer an immutable value over a shared mutable one when threads are involved.",
			"Measure before optimising: the slow part is rarely where it seems to be.",
			"Name the function after what it returns, not after how it computes it.",
			"Validate the input once at the boundary and trust it inside.",
			"Log the identifier and the outcome, never the personal data.",
			"Write the failing test first, then the smallest change that makes it pass." };

	private final SimulatorHub hub;

	private final boolean initializedFrame;

	private final Duration chunkDelay;

	private final Map<String, Generation> inFlight = new ConcurrentHashMap<>();

	private final Queue<ScriptedFailure> failures = new ConcurrentLinkedQueue<>();

	private final List<String> receivedInputs = new CopyOnWriteArrayList<>();

	private final Map<String, String> requestsByQuery = new ConcurrentHashMap<>();

	private final Set<String> stopsReceived = ConcurrentHashMap.newKeySet();

	private volatile boolean silent;

	private volatile boolean paused;

	private final Set<Generation> held = ConcurrentHashMap.newKeySet();

	SimulatorCopilot(SimulatorHub hub, boolean initializedFrame, Duration chunkDelay) {
		this.hub = hub;
		this.initializedFrame = initializedFrame;
		this.chunkDelay = chunkDelay;
	}

	// ---- scripting API

	/**
	 * Make the next question fail: on {@code /qgpt/stream} it is answered with a single {@code FAILED} frame
	 * (after {@code INITIALIZED}, when that is switched on) carrying the given status code and error message; on
	 * {@code POST /qgpt/question} (and {@code POST /qgpt/relevance} with {@code options.question}) with that HTTP
	 * status (500 unless it is a 4xx or 5xx code) and the error message as text body. Calls queue up: each one
	 * fails one further question, whichever way it is asked.
	 * @param statusCode the {@code statusCode} of the frame, e.g. 401 or 429
	 * @param errorMessage the {@code errorMessage}, e.g. {@code UserSubscriptionRequired}
	 */
	public void failNext(int statusCode, String errorMessage) {
		this.failures.add(new ScriptedFailure(statusCode, errorMessage));
	}

	/**
	 * Switch silence on or off. A silent copilot accepts questions but never sends a frame for them (they
	 * still count as in flight, so a {@code stop} ends them with {@code STOPPED}).
	 * @param silent whether to stay silent
	 */
	public void silent(boolean silent) {
		this.silent = silent;
	}

	/**
	 * Pause the answers: each answer in flight (and each new one) stops after its next chunk and waits, still in
	 * flight, until {@link #resume()}. Lets a test act while an answer is known to be half sent.
	 */
	public void pause() {
		this.paused = true;
	}

	/**
	 * Resume the answers held by {@link #pause()}: each goes on with its next chunk.
	 */
	public void resume() {
		this.paused = false;
		for (Generation generation : this.held) {
			if (this.held.remove(generation)) {
				schedule(generation);
			}
		}
	}

	/**
	 * The full answer text the simulator streams for a question: the fixture answer for the fixture question
	 * ("How do I add jitter to this retry helper?"), otherwise a deterministic text that differs per question.
	 * @param question the question
	 * @return the concatenation of all chunks
	 */
	public String answerFor(String question) {
		return String.join("", chunksFor(question));
	}

	/**
	 * The {@code score} of the answer {@code POST /qgpt/question} gives for a question: a deterministic value
	 * between 0.5 and 1 that differs between questions.
	 * @param question the question
	 * @return the score
	 */
	public double scoreFor(String question) {
		return 0.5 + Math.floorMod(question.trim().hashCode(), 51) / 100.0;
	}

	/**
	 * The chunks streamed for a question, one per {@code IN-PROGRESS} frame.
	 * @param question the question
	 * @return the chunks, in order
	 */
	public List<String> chunksFor(String question) {
		if (DemoData.FIXTURE_QUESTION.equals(question.trim())) {
			return DemoData.FIXTURE_CHUNKS;
		}
		return split(generatedAnswer(question));
	}

	/**
	 * The raw JSON text of every frame received on {@code /qgpt/stream}, in arrival order.
	 * @return a snapshot of the received inputs
	 */
	public List<String> receivedInputs() {
		return List.copyOf(this.receivedInputs);
	}

	/**
	 * How many requests are being answered (or silently held) right now, over every session. Tests sharing a
	 * simulator should ask about their own requests with {@link #isInFlight(String)} instead.
	 * @return the number of requests in flight
	 */
	public int inFlight() {
		return this.inFlight.size();
	}

	/**
	 * Whether the request with this id is being answered (or silently held) right now.
	 * @param requestId the {@code request} id of the question
	 * @return {@code true} until it completed, was stopped or reset, or its session closed
	 */
	public boolean isInFlight(String requestId) {
		return this.inFlight.containsKey(requestId);
	}

	/**
	 * The {@code request} id of the last question received with this query (since the last {@link #reset()}).
	 * @param query the question text
	 * @return the request id, empty if no such question arrived
	 */
	public Optional<String> lastRequestFor(String query) {
		return Optional.ofNullable(this.requestsByQuery.get(query));
	}

	/**
	 * Whether a {@code stop} frame for the request with this id arrived (since the last {@link #reset()}).
	 * @param requestId the {@code request} id of the question
	 * @return {@code true} once a stop for it arrived, whether or not it matched a request in flight
	 */
	public boolean sawStop(String requestId) {
		return this.stopsReceived.contains(requestId);
	}

	/**
	 * Forget scripted failures and recorded inputs, switch silence off, and end every request in flight without a
	 * frame (as if Pieces OS had dropped them), so that no test inherits another test's generations.
	 */
	public void reset() {
		this.failures.clear();
		this.receivedInputs.clear();
		this.requestsByQuery.clear();
		this.stopsReceived.clear();
		this.silent = false;
		this.paused = false;
		this.held.clear();
		for (Generation generation : this.inFlight.values()) {
			synchronized (generation) {
				generation.cancel();
			}
			this.inFlight.remove(generation.request, generation);
		}
	}

	/**
	 * Take the next scripted failure for a REST question.
	 * @return the failure as a REST rejection, or {@code null} if none is scripted
	 */
	@Nullable RestRejection nextRestFailure() {
		ScriptedFailure failure = this.failures.poll();
		if (failure == null) {
			return null;
		}
		int status = (failure.statusCode() >= 400 && failure.statusCode() <= 599) ? failure.statusCode() : 500;
		return new RestRejection(status, failure.errorMessage());
	}

	// ---- answers

	static String generatedAnswer(String question) {
		String trimmed = question.trim();
		int hash = trimmed.hashCode();
		String first = SENTENCES[Math.floorMod(hash, SENTENCES.length)];
		String second = SENTENCES[Math.floorMod(hash >>> 8, SENTENCES.length)];
		if (second.equals(first)) {
			second = SENTENCES[Math.floorMod((hash >>> 8) + 1, SENTENCES.length)];
		}
		return "You asked: \"" + trimmed + "\". " + first + " " + second + " (simulated answer "
				+ Integer.toHexString(hash) + ")";
	}

	private static List<String> split(String text) {
		List<String> chunks = new ArrayList<>();
		int start = 0;
		int words = 0;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == ' ' && ++words == 4) {
				chunks.add(text.substring(start, i + 1));
				start = i + 1;
				words = 0;
			}
		}
		if (start < text.length()) {
			chunks.add(text.substring(start));
		}
		return List.copyOf(chunks);
	}

	// ---- the stream

	/**
	 * Handle one {@code QGPTStreamInput} frame.
	 * @param session the session it arrived on
	 * @param text the raw frame
	 */
	void onInput(OutboundSession session, String text) {
		this.receivedInputs.add(text);
		JsonNode input;
		try {
			input = Json.parse(text);
		}
		catch (JacksonException ex) {
			logger.log(System.Logger.Level.WARNING, "Rejecting a QGPTStreamInput that is not JSON ("
					+ text.length() + " chars) on session " + session.session().getId());
			fail(session, UUID.randomUUID().toString(), "", 400, "Invalid QGPTStreamInput: not JSON");
			return;
		}
		if (!input.isObject()) {
			logger.log(System.Logger.Level.WARNING, "Rejecting a QGPTStreamInput that is not a JSON object");
			fail(session, UUID.randomUUID().toString(), "", 400, "Invalid QGPTStreamInput: not a JSON object");
			return;
		}
		String givenRequest = Json.text(input, "request");
		String givenConversation = Json.text(input, "conversation");
		if (Json.isTrue(input, "stop")) {
			if (givenRequest != null) {
				this.stopsReceived.add(givenRequest);
			}
			stop(session, givenRequest, givenConversation, "STOPPED");
			return;
		}
		if (Json.isTrue(input, "reset")) {
			stop(session, null, null, "RESET");
			return;
		}
		String request = (givenRequest != null && !givenRequest.isBlank()) ? givenRequest
				: UUID.randomUUID().toString();
		JsonNode relevance = Json.objectField(input, "relevance");
		JsonNode question = Json.objectField(input, "question");
		String conversationForErrors = (givenConversation != null) ? givenConversation : "";
		if (relevance != null && question != null) {
			reject(session, request, conversationForErrors, "send either relevance or question, not both");
			return;
		}
		JsonNode mode = (relevance != null) ? relevance : question;
		if (mode == null) {
			reject(session, request, conversationForErrors, "relevance or question is required");
			return;
		}
		String query = Json.text(mode, "query");
		if (query == null || query.isBlank()) {
			reject(session, request, conversationForErrors, "query is required");
			return;
		}
		this.requestsByQuery.put(query, request);
		String seedProblem = (relevance != null) ? relevanceSeedsProblem(relevance) : relevantSeedsProblem(mode);
		if (seedProblem != null) {
			reject(session, request, conversationForErrors, seedProblem);
			return;
		}
		String model = Json.text(mode, "model");
		String modelId = (model != null) ? model : DemoData.DEFAULT_MODEL_ID;
		String conversation;
		if (givenConversation != null) {
			try {
				this.hub.store().conversation(givenConversation);
			}
			catch (MissingEntityException ex) {
				logger.log(System.Logger.Level.INFO, "Question for a missing conversation: " + ex.getMessage());
				fail(session, request, givenConversation, ex.status(), ex.getMessage());
				return;
			}
			conversation = givenConversation;
		}
		else {
			JsonNode options = Json.objectField(mode, "options");
			JsonNode pipeline = (options != null) ? Json.objectField(options, "pipeline") : Json.objectField(mode,
					"pipeline");
			conversation = this.hub.createConversation(conversationName(query), modelId, pipeline, false).id;
		}
		ScriptedFailure failure = this.failures.poll();
		if (failure != null) {
			if (this.initializedFrame) {
				session.send(frame(request, conversation, "INITIALIZED"));
			}
			fail(session, request, conversation, failure.statusCode(), failure.errorMessage());
			return;
		}
		String groundingProblem = (relevance != null) ? groundingProblem(relevance) : null;
		if (groundingProblem != null) {
			fail(session, request, conversation, 404, groundingProblem);
			return;
		}
		List<String> chunks = chunksFor(query);
		String grounding = (relevance != null) ? groundingPreamble(relevance) : "";
		if (!grounding.isEmpty()) {
			// answers visibly differently with long-term memory or files as context, so tests can tell
			chunks = new ArrayList<>(chunks);
			chunks.add(0, grounding);
		}
		Generation generation = new Generation(session, request, conversation, query, modelId, chunks);
		Generation previous = this.inFlight.put(request, generation);
		if (previous != null) {
			logger.log(System.Logger.Level.WARNING,
					"A new question reuses the request id of one still in flight; the older one is dropped");
			previous.cancel();
		}
		if (this.silent) {
			return;
		}
		if (this.initializedFrame) {
			session.send(frame(request, conversation, "INITIALIZED"));
		}
		schedule(generation);
	}

	/**
	 * Check the long-term memory ({@code temporal.workstreams}, a {@code TemporalRangeGrounding}) and file
	 * ({@code anchors}, {@code Anchors}) context of a relevance-mode input: every range and anchor must exist.
	 */
	private @Nullable String groundingProblem(JsonNode relevance) {
		JsonNode paths = relevance.get("paths");
		if (paths != null && !paths.isNull()) {
			if (!paths.isArray()) {
				return "relevance.paths must be a list of file paths";
			}
			for (JsonNode path : paths) {
				if (!path.isString() || path.asString().isBlank()) {
					return "relevance.paths must hold non-empty file paths";
				}
			}
		}
		for (String id : ids(relevance, "temporal", "workstreams")) {
			if (!this.hub.store().workstreamIds(StreamKind.RANGES).contains(id)) {
				return "relevance.temporal.workstreams names an unknown range: " + id;
			}
		}
		for (String id : ids(relevance, "anchors", null)) {
			if (!this.hub.store().workstreamIds(StreamKind.ANCHORS).contains(id)) {
				return "relevance.anchors names an unknown anchor: " + id;
			}
		}
		return null;
	}

	/**
	 * What the answer starts with when the question is grounded: {@code "From your workstream memory (<from> to
	 * <to>). "} for each range, {@code "Looking at <path>. "} for each anchor; empty otherwise.
	 */
	private String groundingPreamble(JsonNode relevance) {
		StringBuilder preamble = new StringBuilder();
		for (String id : ids(relevance, "temporal", "workstreams")) {
			ObjectNode range = this.hub.store().workstreamJson(StreamKind.RANGES, id);
			preamble.append("From your workstream memory (").append(range.at("/from/value").asString()).append(" to ")
				.append(range.at("/to/value").asString()).append("). ");
		}
		for (String id : ids(relevance, "anchors", null)) {
			preamble.append("Looking at ")
				.append(this.hub.store().workstreamJson(StreamKind.ANCHORS, id).path("name").asString())
				.append(". ");
		}
		return preamble.toString();
	}

	private static List<String> ids(JsonNode relevance, String field, @Nullable String nested) {
		JsonNode holder = Json.objectField(relevance, field);
		if (holder != null && nested != null) {
			holder = Json.objectField(holder, nested);
		}
		JsonNode iterable = (holder != null) ? holder.get("iterable") : null;
		List<String> ids = new ArrayList<>();
		if (iterable != null && iterable.isArray()) {
			for (JsonNode item : iterable) {
				String id = Json.text(item, "id");
				if (id != null) {
					ids.add(id);
				}
			}
		}
		return ids;
	}

	/**
	 * Check the {@code seeds} of a relevance-mode input ({@code Seeds}: {@code {"iterable":[Seed]}}).
	 * @return what is wrong, or {@code null}
	 */
	private static @Nullable String relevanceSeedsProblem(JsonNode relevance) {
		JsonNode seeds = relevance.get("seeds");
		if (seeds == null || seeds.isNull()) {
			return null;
		}
		JsonNode iterable = seeds.get("iterable");
		if (iterable == null || !iterable.isArray()) {
			return "relevance.seeds requires iterable: [Seed, ...]";
		}
		for (int i = 0; i < iterable.size(); i++) {
			String problem = seedProblem(iterable.get(i), "relevance.seeds.iterable[" + i + "]");
			if (problem != null) {
				return problem;
			}
		}
		return null;
	}

	/**
	 * Check the inline seeds of a question-mode input ({@code relevant.iterable[].seed}).
	 * @return what is wrong, or {@code null}
	 */
	private static @Nullable String relevantSeedsProblem(JsonNode question) {
		JsonNode relevant = Json.objectField(question, "relevant");
		JsonNode iterable = (relevant != null) ? relevant.get("iterable") : null;
		if (iterable == null || !iterable.isArray()) {
			return null;
		}
		for (int i = 0; i < iterable.size(); i++) {
			JsonNode seed = Json.objectField(iterable.get(i), "seed");
			if (seed != null) {
				String problem = seedProblem(seed, "question.relevant.iterable[" + i + "].seed");
				if (problem != null) {
					return problem;
				}
			}
		}
		return null;
	}

	/**
	 * Check one {@code Seed} as Pieces OS does: a {@code type}, and for a {@code SEEDED_ASSET} an {@code asset}
	 * ({@code SeededAsset}) with its required {@code application} (the full {@code Application} returned by
	 * {@code POST /connect}, at least its {@code id}) and {@code format}.
	 * @param seed the seed
	 * @param where the path of the seed in the input, for the message
	 * @return what is wrong, or {@code null}
	 */
	static @Nullable String seedProblem(@Nullable JsonNode seed, String where) {
		if (seed == null || !seed.isObject()) {
			return where + " must be a Seed object";
		}
		String type = Json.text(seed, "type");
		if (type == null) {
			return where + " requires a type, e.g. SEEDED_ASSET";
		}
		if (!"SEEDED_ASSET".equals(type)) {
			return null;
		}
		JsonNode asset = Json.objectField(seed, "asset");
		if (asset == null) {
			return where + " of type SEEDED_ASSET requires asset (SeededAsset)";
		}
		JsonNode application = Json.objectField(asset, "application");
		String applicationId = Json.text(application, "id");
		if (applicationId == null || applicationId.isBlank()) {
			return where + ".asset requires application (the Application returned by POST /connect)";
		}
		if (Json.objectField(asset, "format") == null) {
			return where + ".asset requires format (SeededFormat)";
		}
		return null;
	}

	private static String conversationName(String query) {
		String name = query.strip().replaceAll("\\s+", " ");
		return (name.length() > 60) ? name.substring(0, 57) + "..." : name;
	}

	private void reject(OutboundSession session, String request, String conversation, String reason) {
		logger.log(System.Logger.Level.WARNING, "Rejecting a QGPTStreamInput: " + reason);
		fail(session, request, conversation, 400, "Invalid QGPTStreamInput: " + reason);
	}

	private void fail(OutboundSession session, String request, String conversation, int statusCode,
			String errorMessage) {
		ObjectNode frame = frameNode(request, conversation, "FAILED");
		frame.put("statusCode", statusCode);
		frame.put("errorMessage", errorMessage);
		session.send(write(frame));
	}

	private void schedule(Generation generation) {
		try {
			ScheduledFuture<?> future = this.hub.scheduler()
				.schedule(() -> step(generation), this.chunkDelay.toNanos(), TimeUnit.NANOSECONDS);
			generation.setFuture(future);
		}
		catch (RejectedExecutionException ex) {
			generation.cancel();
		}
	}

	private void step(Generation generation) {
		synchronized (generation) {
			if (generation.done) {
				return;
			}
			if (!generation.session.isOpen()) {
				generation.done = true;
				this.inFlight.remove(generation.request, generation);
				return;
			}
			if (generation.next < generation.chunks.size()) {
				String chunk = generation.chunks.get(generation.next++);
				generation.sent.append(chunk);
				ObjectNode frame = frameNode(generation.request, generation.conversation, "IN-PROGRESS");
				frame.putObject("question").putObject("answers").putArray("iterable").addObject().put("score", 0)
					.put("text", chunk);
				generation.session.send(write(frame));
				if (this.paused) {
					this.held.add(generation);
					// resume() may have drained the held set between the check and the add
					if (this.paused || !this.held.remove(generation)) {
						return;
					}
				}
				schedule(generation);
				return;
			}
			generation.done = true;
			this.inFlight.remove(generation.request, generation);
		}
		this.hub.appendExchange(generation.conversation, generation.query, generation.sent.toString(),
				generation.modelId);
		ObjectNode frame = frameNode(generation.request, generation.conversation, "COMPLETED");
		frame.put("statusCode", 200);
		generation.session.send(write(frame));
	}

	private void stop(OutboundSession session, @Nullable String request, @Nullable String conversation,
			String status) {
		List<Generation> stopped = new ArrayList<>();
		for (Generation generation : this.inFlight.values()) {
			if (generation.session != session) {
				continue;
			}
			if (request != null ? !request.equals(generation.request)
					: conversation != null && !conversation.equals(generation.conversation)) {
				continue;
			}
			synchronized (generation) {
				if (generation.done) {
					continue;
				}
				generation.cancel();
			}
			this.inFlight.remove(generation.request, generation);
			stopped.add(generation);
		}
		if (stopped.isEmpty()) {
			logger.log(System.Logger.Level.INFO, "A " + status.toLowerCase(java.util.Locale.ROOT)
					+ " input matched no request in flight; nothing to end");
		}
		for (Generation generation : stopped) {
			this.hub.appendExchange(generation.conversation, generation.query, generation.sent.toString(),
					generation.modelId);
			ObjectNode frame = frameNode(generation.request, generation.conversation, status);
			frame.put("statusCode", 200);
			session.send(write(frame));
		}
	}

	void sessionClosed(OutboundSession session) {
		for (Generation generation : this.inFlight.values()) {
			if (generation.session == session) {
				synchronized (generation) {
					generation.cancel();
				}
				this.inFlight.remove(generation.request, generation);
			}
		}
	}

	void shutdown() {
		for (Generation generation : this.inFlight.values()) {
			synchronized (generation) {
				generation.cancel();
			}
		}
		this.inFlight.clear();
	}

	private String frame(String request, String conversation, String status) {
		return write(frameNode(request, conversation, status));
	}

	private static ObjectNode frameNode(String request, String conversation, String status) {
		ObjectNode frame = Json.object();
		frame.put("request", request);
		frame.put("conversation", conversation);
		frame.put("status", status);
		return frame;
	}

	private String write(ObjectNode frame) {
		return Json.write(this.hub.explicitNulls() ? Json.nullsFor(frame, OUTPUT_OPTIONAL) : frame);
	}

	private record ScriptedFailure(int statusCode, String errorMessage) {
	}

	/**
	 * One request being answered.
	 */
	private static final class Generation {

		final OutboundSession session;

		final String request;

		final String conversation;

		final String query;

		final String modelId;

		final List<String> chunks;

		final StringBuilder sent = new StringBuilder();

		int next;

		boolean done;

		@Nullable ScheduledFuture<?> future;

		Generation(OutboundSession session, String request, String conversation, String query, String modelId,
				List<String> chunks) {
			this.session = session;
			this.request = request;
			this.conversation = conversation;
			this.query = query;
			this.modelId = modelId;
			this.chunks = chunks;
		}

		synchronized void setFuture(ScheduledFuture<?> future) {
			this.future = future;
			if (this.done) {
				future.cancel(false);
			}
		}

		synchronized void cancel() {
			this.done = true;
			ScheduledFuture<?> future = this.future;
			if (future != null) {
				future.cancel(false);
			}
		}

	}

}
