package app.pieces.copilot;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.web.socket.CloseStatus;

import app.pieces.websocket.IdentifierCache;
import app.pieces.client.PiecesClient;
import app.pieces.client.PiecesNotFoundException;
import app.pieces.model.Application;
import app.pieces.model.Conversation;
import app.pieces.model.FlattenedAssets;
import app.pieces.model.Model;
import app.pieces.model.Models;
import app.pieces.model.QGPTRelevanceInput;
import app.pieces.model.QGPTRelevanceInputOptions;
import app.pieces.model.QGPTStreamInput;
import app.pieces.model.QGPTStreamOutput;
import app.pieces.model.Seed;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.ConversationWS;
import app.pieces.websocket.WebsocketListener;
import tools.jackson.databind.JsonNode;

/**
 * Ask Pieces OS questions and receive streamed answers, many at a time on one {@link AskStreamWS}.
 * <pre class="code">
 * PiecesCopilot copilot = new PiecesCopilot(askStream, client);
 * CopilotAnswer answer = copilot.ask("How do I add jitter to this retry helper?")
 * 	.onChunk(System.out::print);
 * String text = answer.text().join();
 * CopilotAnswer followUp = copilot.ask(CopilotRequest.builder("And in Kotlin?")
 * 	.conversation(answer.conversationId().join())
 * 	.build());
 * </pre>
 * Every question is sent with its own {@code request} id (a random UUID); frames are routed to their
 * {@link CopilotAnswer} by that id, falling back to the conversation id (and then to the oldest answer still
 * waiting for a new conversation) for frames that carry no known id. Frames of answers that already ended, and
 * of answers of another copilot on the same socket, are dropped. A question asked while the socket (re)connects is queued by the socket and sent once connected, unless its
 * answer ended meanwhile (stopped, cancelled, timed out, copilot closed: the question is then withdrawn and never
 * sent; when the socket gives up reconnecting, it fails with a {@link CopilotConnectionLostException}); a
 * socket that closes fails the answers that were in flight on it with a {@link CopilotConnectionLostException}
 * (they are not re-sent). Each answer times out after {@link CopilotSettings#timeout()} without a frame.
 * <p>
 * Questions are sent in relevance mode with {@code options.question=true} (what the official Python SDK does):
 * asset ids go to {@code relevance.assets}, raw context text to {@code relevance.seeds} as {@code SEEDED_ASSET}
 * seeds on behalf of the application this copilot registered with {@code POST /connect} (Pieces OS requires the
 * full {@code Application} in every seeded asset; the copilot registers when its socket connects, or at the
 * first question with context text).
 * <p>
 * The copilot registers a listener on the socket but does not own it: start the socket (or its
 * {@code PiecesWebsocketManager}) yourself (a socket that was never started is started by the first question).
 * {@link #close()} unregisters and fails the answers in flight. The copilot owns no thread: silence checks run
 * on the manager's scheduler and are cancelled when their answer ends, so a copilot that is never closed leaves
 * nothing behind once its answers are over.
 * <p>
 * Threads: {@link #ask(CopilotRequest)} returns at once; frames are handled on the socket's serial executor, so
 * chunk listeners and non-async dependent stages of an answer's futures run there, in order; silence timeouts
 * complete answers on the manager's scheduler thread. All methods are thread-safe.
 */
public class PiecesCopilot implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(PiecesCopilot.class);

	private final AskStreamWS askStream;

	private final PiecesClient client;

	private final CopilotSettings settings;

	private final AskObservation.Factory observations;

	private final @Nullable IdentifierCache<Conversation> conversationCache;

	private final AnswerRouter router;

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicBoolean connectAttempted = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();


	private final Listener listener = new Listener();

	private final CopilotAnswer.Owner owner = new AnswerOwner();

	private volatile @Nullable Models models;

	// the application of this copilot's last POST /connect: context texts are seeded on its behalf
	private volatile @Nullable Application application;

	/**
	 * Create a copilot with the default settings and no observations.
	 * @param askStream the {@code /qgpt/stream} socket
	 * @param client the client, for models, conversations and the application id
	 */
	public PiecesCopilot(AskStreamWS askStream, PiecesClient client) {
		this(askStream, client, CopilotSettings.defaults());
	}

	/**
	 * Create a copilot without observations.
	 * @param askStream the {@code /qgpt/stream} socket
	 * @param client the client, for models, conversations and the application id
	 * @param settings the settings
	 */
	public PiecesCopilot(AskStreamWS askStream, PiecesClient client, CopilotSettings settings) {
		this(askStream, client, settings, AskObservation.Factory.NOOP, null);
	}

	/**
	 * Create a copilot that records a {@code pieces.copilot.ask} observation per question (requires
	 * {@code micrometer-observation} on the class path).
	 * @param askStream the {@code /qgpt/stream} socket
	 * @param client the client, for models, conversations and the application id
	 * @param settings the settings
	 * @param observationRegistry the registry, or {@code null} to record nothing
	 */
	public PiecesCopilot(AskStreamWS askStream, PiecesClient client, CopilotSettings settings,
			@Nullable ObservationRegistry observationRegistry) {
		this(askStream, client, settings, (observationRegistry != null)
				? MicrometerAskObservation.factory(observationRegistry, null, null) : AskObservation.Factory.NOOP,
				null);
	}

	PiecesCopilot(AskStreamWS askStream, PiecesClient client, CopilotSettings settings,
			AskObservation.Factory observations, @Nullable IdentifierCache<Conversation> conversationCache) {
		Assert.notNull(askStream, "'askStream' must not be null");
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		this.askStream = askStream;
		this.router = new AnswerRouter(askStream);
		this.client = client;
		this.settings = settings;
		this.observations = observations;
		this.conversationCache = conversationCache;
		askStream.addListener(this.listener);
	}

	/**
	 * Start building a copilot with optional collaborators (conversation cache, observations).
	 * @param askStream the {@code /qgpt/stream} socket
	 * @param client the client
	 * @return a builder
	 */
	public static Builder builder(AskStreamWS askStream, PiecesClient client) {
		return new Builder(askStream, client);
	}

	/**
	 * Return the settings.
	 * @return the settings
	 */
	public CopilotSettings settings() {
		return this.settings;
	}

	/**
	 * Ask a question in a new conversation with the default model.
	 * @param question the question
	 * @return the answer handle
	 * @see #ask(CopilotRequest)
	 */
	public CopilotAnswer ask(String question) {
		return ask(CopilotRequest.of(question));
	}

	/**
	 * Ask a question. Returns at once after at most a few blocking REST calls: resolving a model name if the
	 * request names one that is not cached yet ({@code GET /models}), and registering the application
	 * ({@code POST /connect}, with the version check) the first time, when the socket has not connected yet; the
	 * answer streams in on the socket's thread.
	 * @param request the request
	 * @return the answer handle
	 * @throws UnknownModelException if the request (or the settings) name a model Pieces OS does not offer
	 * @throws app.pieces.client.PiecesException if resolving the model over REST failed, or if the request has
	 * context texts and registering the application (which every seed must name) failed
	 * @throws IllegalStateException if the copilot was closed
	 */
	public CopilotAnswer ask(CopilotRequest request) {
		Assert.notNull(request, "'request' must not be null");
		Assert.state(!this.closed.get(), "PiecesCopilot has been closed");
		String requestedModel = (request.model() != null) ? request.model() : this.settings.defaultModel();
		Model model = (requestedModel != null) ? model(requestedModel) : null;
		String requestId = UUID.randomUUID().toString();
		String modelName = (model != null) ? Objects.requireNonNullElse(model.name(), model.id()) : null;
		QGPTStreamInput input = toInput(request, requestId, (model != null) ? model.id() : null);
		CopilotAnswer answer = new CopilotAnswer(requestId, this.sequence.incrementAndGet(), request, modelName,
				this.owner, this.observations.start(request, requestId, modelName));
		this.router.register(answer);
		if (this.closed.get()) {
			// close() ran concurrently and may have missed this answer
			answer.fail(CopilotOutcome.CONNECTION_LOST,
					new CopilotConnectionLostException(requestId, "PiecesCopilot was closed", null));
			return answer;
		}
		answer.setAwaitingConnection(true);
		CompletableFuture<Void> sent = send(input);
		// after the send, which starts the socket (and with it the manager's scheduler) if it was idle
		scheduleTimeoutCheck(answer, this.settings.timeout());
		answer.sending(sent);
		sent.whenComplete((result, ex) -> {
			if (sent.isCancelled()) {
				// withdrawn before it was written: the answer ended while the socket (re)connected
				return;
			}
			if (ex == null) {
				answer.setAwaitingConnection(false);
				if (!this.askStream.isConnected()) {
					// the socket dropped right after the send, possibly before its close was handled
					answer.fail(CopilotOutcome.CONNECTION_LOST, new CopilotConnectionLostException(requestId,
							"The Pieces OS copilot socket closed right after the question was sent; it is not re-sent",
							null));
				}
			}
			else {
				logger.warn("Could not send copilot question " + requestId + ": " + ex.getMessage());
				answer.fail(CopilotOutcome.CONNECTION_LOST, new CopilotConnectionLostException(requestId,
						"Could not send the question to Pieces OS: " + ex.getMessage(), ex));
			}
		});
		if (logger.isDebugEnabled()) {
			logger.debug("Asked copilot question " + requestId + " (" + request + ")");
		}
		return answer;
	}

	private CompletableFuture<Void> send(QGPTStreamInput input) {
		try {
			return this.askStream.sendMessage(input);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Send {@code {"reset":true}}: Pieces OS ends every generation of the stream, and each answer in flight
	 * ends as cancelled when its {@code RESET} frame arrives (or times out if none comes).
	 * @return a future completed when the reset frame was sent
	 */
	public CompletableFuture<Void> reset() {
		Assert.state(!this.closed.get(), "PiecesCopilot has been closed");
		return this.askStream.sendMessage(QGPTStreamInput.resetRequest());
	}

	/**
	 * Ask a question in a new conversation and wait for the full answer.
	 * @param question the question
	 * @param timeout how long to wait at most; on expiry the answer is stopped
	 * @return the answer text
	 * @throws CopilotTimeoutException if the answer did not complete in time
	 * @throws CopilotFailedException if Pieces OS failed the answer
	 * @throws CopilotConnectionLostException if the socket closed meanwhile
	 * @throws CopilotCancelledException if the answer was stopped
	 */
	public String askAndWait(String question, Duration timeout) {
		return askAndWait(CopilotRequest.of(question), timeout);
	}

	/**
	 * Ask a question and wait for the full answer.
	 * @param request the request
	 * @param timeout how long to wait at most; on expiry the answer is stopped
	 * @return the answer text
	 * @throws CopilotTimeoutException if the answer did not complete in time
	 * @throws CopilotFailedException if Pieces OS failed the answer
	 * @throws CopilotConnectionLostException if the socket closed meanwhile
	 * @throws CopilotCancelledException if the answer was stopped
	 */
	public String askAndWait(CopilotRequest request, Duration timeout) {
		Assert.notNull(timeout, "'timeout' must not be null");
		CopilotAnswer answer = ask(request);
		try {
			answer.text().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			CopilotTimeoutException timeoutException = new CopilotTimeoutException(answer.requestId(), timeout,
					"Copilot answer " + answer.requestId() + " did not complete within " + timeout);
			if (timeOut(answer, timeoutException)) {
				throw timeoutException;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			answer.stop();
			throw new CopilotException("Interrupted while waiting for copilot answer " + answer.requestId(),
					answer.requestId(), ex);
		}
		catch (ExecutionException | CancellationException ex) {
			// reported by join() below
		}
		try {
			return answer.text().join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw new CopilotException("Copilot answer " + answer.requestId() + " failed", answer.requestId(),
					ex.getCause());
		}
	}

	/**
	 * List the models Pieces OS offers ({@code GET /models}), in its order.
	 * @return the models
	 */
	public List<Model> models() {
		Models fetched = this.client.models();
		this.models = fetched;
		return fetched.iterable();
	}

	/**
	 * Find a model by name (exact, then ignoring case) or id. Uses the models fetched last and fetches them
	 * again once if the name is not among them.
	 * @param nameOrId the model name or id
	 * @return the model
	 * @throws UnknownModelException listing the available names if Pieces OS offers no such model
	 */
	public Model model(String nameOrId) {
		Assert.hasText(nameOrId, "'nameOrId' must not be empty");
		Models known = this.models;
		if (known != null) {
			Optional<Model> model = find(known, nameOrId);
			if (model.isPresent()) {
				return model.get();
			}
		}
		models();
		Models fresh = Objects.requireNonNull(this.models);
		return find(fresh, nameOrId).orElseThrow(() -> new UnknownModelException(nameOrId,
				fresh.iterable().stream().map(Model::name).filter(Objects::nonNull).toList()));
	}

	private static Optional<Model> find(Models models, String nameOrId) {
		Optional<Model> byName = models.findByName(nameOrId);
		if (byName.isPresent()) {
			return byName;
		}
		String lowerCase = nameOrId.toLowerCase(Locale.ROOT);
		return models.iterable()
			.stream()
			.filter((model) -> model.name() != null && model.name().toLowerCase(Locale.ROOT).equals(lowerCase))
			.findFirst()
			.or(() -> models.findById(nameOrId));
	}

	/**
	 * List the conversations of the conversation cache, newest first: the cache given to the builder, else the
	 * cache of the {@link ConversationWS} registered with the socket's manager.
	 * @return the conversations
	 * @throws IllegalStateException if there is no conversation cache
	 */
	public List<Conversation> conversations() {
		return conversationCache().snapshot();
	}

	/**
	 * Find a conversation: in the conversation cache if there is one, else over REST
	 * ({@code GET /conversation/{id}}).
	 * @param id the conversation id
	 * @return the conversation, or empty if Pieces OS does not know it (404/410)
	 */
	public Optional<Conversation> conversation(String id) {
		Assert.hasText(id, "'id' must not be empty");
		IdentifierCache<Conversation> cache = findConversationCache();
		if (cache != null) {
			Optional<Conversation> cached = cache.get(id);
			if (cached.isPresent()) {
				return cached;
			}
		}
		try {
			return Optional.of(this.client.conversation(id));
		}
		catch (PiecesNotFoundException ex) {
			return Optional.empty();
		}
	}

	private IdentifierCache<Conversation> conversationCache() {
		IdentifierCache<Conversation> cache = findConversationCache();
		Assert.state(cache != null, "No conversation cache: register a ConversationWS with the socket's manager "
				+ "or give the PiecesCopilot builder the conversations cache");
		return cache;
	}

	private @Nullable IdentifierCache<Conversation> findConversationCache() {
		if (this.conversationCache != null) {
			return this.conversationCache;
		}
		return this.askStream.manager().socket(ConversationWS.class).map(ConversationWS::cache).orElse(null);
	}

	/**
	 * Create a conversation ({@code POST /conversations/create}) to ask questions in.
	 * @param name the conversation name
	 * @return the conversation
	 */
	public Conversation createConversation(String name) {
		return this.client.createConversation(name);
	}

	/**
	 * Return the answers in flight.
	 * @return a snapshot of the answers that have not ended
	 */
	public List<CopilotAnswer> activeAnswers() {
		return this.router.inFlight();
	}

	/**
	 * Unregister from the socket, fail the answers in flight with a {@link CopilotConnectionLostException}
	 * (sending a stop frame for each, when connected) Idempotent; the socket itself stays as it is.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.askStream.removeListener(this.listener);
		for (CopilotAnswer answer : this.router.inFlight()) {
			if (answer.fail(CopilotOutcome.CONNECTION_LOST,
					new CopilotConnectionLostException(answer.requestId(), "PiecesCopilot was closed", null))) {
				sendStop(answer);
			}
		}
	}

	// --- request building ---

	private QGPTStreamInput toInput(CopilotRequest request, String requestId, @Nullable String modelId) {
		FlattenedAssets assets = request.assetIds().isEmpty() ? null : FlattenedAssets.of(request.assetIds());
		JsonNode seeds = null;
		String applicationId;
		if (request.contextTexts().isEmpty()) {
			applicationId = applicationId();
		}
		else {
			// every SeededAsset requires the full Application: register first if this copilot has none yet
			Application application = application();
			seeds = seeds(request.contextTexts(), application);
			applicationId = application.id();
		}
		QGPTRelevanceInput relevance = new QGPTRelevanceInput(request.question(), applicationId, modelId,
				new QGPTRelevanceInputOptions(true, null, null, null), assets, null, null, null, seeds, null);
		return new QGPTStreamInput(requestId, request.conversationId(), relevance, null, null, null, null);
	}

	/**
	 * Build relevance {@code seeds} ({@code Seeds}: {@code {"iterable":[Seed]}}), one {@code SEEDED_ASSET} per text.
	 */
	private JsonNode seeds(List<String> texts, Application application) {
		List<Seed> iterable = texts.stream().map((text) -> Seed.ofText(application, text, null)).toList();
		return this.client.jsonMapper().valueToTree(Map.of("iterable", iterable));
	}

	private @Nullable String applicationId() {
		Application known = this.application;
		if (known != null) {
			return known.id();
		}
		Optional<String> applicationId = this.client.applicationId();
		if (applicationId.isEmpty() && this.connectAttempted.compareAndSet(false, true)) {
			try {
				return register().id();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not register with Pieces OS (POST /connect); asking without an application id: "
						+ ex.getMessage());
			}
		}
		return applicationId.orElse(null);
	}

	/**
	 * Return the application registered by this copilot, registering it ({@code POST /connect}) if needed.
	 * @throws app.pieces.client.PiecesException if Pieces OS could not be reached
	 */
	private Application application() {
		Application known = this.application;
		return (known != null) ? known : register();
	}

	private Application register() {
		Application registered = this.client.connect().application();
		this.application = registered;
		return registered;
	}

	// --- timeouts ---

	private void scheduleTimeoutCheck(CopilotAnswer answer, Duration delay) {
		try {
			answer.timeoutCheck(this.askStream.manager().schedule(() -> checkTimeout(answer), delay));
		}
		catch (RejectedExecutionException ex) {
			// the manager is closed: closing the socket fails the answer
		}
	}

	private void checkTimeout(CopilotAnswer answer) {
		if (answer.isDone()) {
			return;
		}
		Duration timeout = this.settings.timeout();
		Duration silence = answer.silence();
		if (silence.compareTo(timeout) < 0) {
			scheduleTimeoutCheck(answer, timeout.minus(silence));
			return;
		}
		if (answer.isAwaitingConnection()) {
			// the question never left the JVM: say so, rather than blaming a silent Pieces OS
			String message = "Copilot question " + answer.requestId() + " was never sent: Pieces OS unreachable for "
					+ timeout + " (the copilot socket is " + this.askStream.state().name().toLowerCase(Locale.ROOT)
					+ ")";
			if (answer.fail(CopilotOutcome.CONNECTION_LOST,
					new CopilotConnectionLostException(answer.requestId(), message, null))) {
				logger.warn(message + "; withdrawn from the queue");
				// in case the socket was writing it at this very moment: then a stop frame follows the write
				sendStop(answer);
			}
			return;
		}
		logger.warn("Copilot answer " + answer.requestId() + " timed out: no frame from Pieces OS for " + timeout
				+ "; stopping it");
		timeOut(answer, new CopilotTimeoutException(answer.requestId(), timeout,
				"Pieces OS sent nothing for copilot answer " + answer.requestId() + " for " + timeout));
	}

	private boolean timeOut(CopilotAnswer answer, CopilotTimeoutException exception) {
		// end the answer first: the STOPPED frame the stop provokes must find it ended (and be dropped)
		boolean timedOut = answer.fail(CopilotOutcome.TIMEOUT, exception);
		if (timedOut) {
			sendStop(answer);
		}
		return timedOut;
	}

	// --- routing ---

	/**
	 * Ask Pieces OS to stop generating an answer that ended on this side: only once the question was written (a
	 * question withdrawn from the queue needs no stop; one being written right now gets its stop after the write).
	 */
	private void sendStop(CopilotAnswer answer) {
		CompletableFuture<Void> sent = answer.pendingSend();
		if (sent == null) {
			// not handed to the socket yet: ask() withdraws it when it does
			return;
		}
		if (!sent.isDone()) {
			sent.thenRun(() -> writeStop(answer));
			return;
		}
		if (sent.isCompletedExceptionally()) {
			logger.debug("No stop frame for copilot answer " + answer.requestId() + ": the question was never sent");
			return;
		}
		writeStop(answer);
	}

	private void writeStop(CopilotAnswer answer) {
		if (!this.askStream.isConnected()) {
			logger.debug("Not sending a stop frame for copilot answer " + answer.requestId() + ": not connected");
			return;
		}
		if (!answer.claimStopFrame()) {
			return;
		}
		try {
			this.askStream.sendMessage(new QGPTStreamInput(answer.requestId(), answer.knownConversationId(), null,
					null, true, null, null));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not send a stop frame for copilot answer " + answer.requestId() + ": " + ex.getMessage());
		}
	}

	void dispatch(QGPTStreamOutput frame) {
		CopilotAnswer answer = this.router.route(frame);
		if (answer != null) {
			answer.handle(frame);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Dropping a copilot frame for no answer in flight (request " + frame.request()
					+ ", status " + frame.status() + ")");
		}
	}

	private void connectionClosed(CloseStatus status) {
		int failed = 0;
		for (CopilotAnswer answer : this.router.inFlight()) {
			if (!answer.isAwaitingConnection() && answer.fail(CopilotOutcome.CONNECTION_LOST,
					new CopilotConnectionLostException(answer.requestId(),
							"The Pieces OS copilot socket closed while the answer was in flight (" + status
									+ "); the question is not re-sent",
							null))) {
				failed++;
			}
		}
		if (failed > 0) {
			logger.warn("The Pieces OS copilot socket closed (" + status + "); failed " + failed
					+ " answer(s) in flight, they are not re-sent");
		}
	}

	private final class Listener implements WebsocketListener<QGPTStreamOutput> {

		@Override
		public void onMessage(QGPTStreamOutput message) {
			dispatch(message);
		}

		@Override
		public void onOpen() {
			// register while the connection is fresh, so that questions never wait for POST /connect; on a worker,
			// since REST never runs on the socket's serial executor
			if (PiecesCopilot.this.application == null) {
				try {
					PiecesCopilot.this.askStream.manager().executor().execute(this::registerQuietly);
				}
				catch (RejectedExecutionException ex) {
					// the manager closed meanwhile
				}
			}
		}

		@Override
		public void onClose(CloseStatus status) {
			connectionClosed(status);
		}

		private void registerQuietly() {
			if (PiecesCopilot.this.application != null || PiecesCopilot.this.closed.get()) {
				return;
			}
			try {
				register();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not register with Pieces OS (POST /connect) on connect: " + ex.getMessage());
			}
		}

	}

	private final class AnswerOwner implements CopilotAnswer.Owner {

		@Override
		public void sendStop(CopilotAnswer answer) {
			PiecesCopilot.this.sendStop(answer);
		}

		@Override
		public void finished(CopilotAnswer answer) {
			PiecesCopilot.this.router.finished(answer);
		}

	}

	/**
	 * Builder for {@link PiecesCopilot}.
	 */
	public static final class Builder {

		private final AskStreamWS askStream;

		private final PiecesClient client;

		private CopilotSettings settings = CopilotSettings.defaults();

		private @Nullable IdentifierCache<Conversation> conversationCache;

		private @Nullable Object observationRegistry;

		private @Nullable Object observationConvention;

		private @Nullable Object firstChunkObservationConvention;

		private Builder(AskStreamWS askStream, PiecesClient client) {
			this.askStream = askStream;
			this.client = client;
		}

		/**
		 * Use these settings.
		 * @param settings the settings
		 * @return this builder
		 */
		public Builder settings(CopilotSettings settings) {
			this.settings = settings;
			return this;
		}

		/**
		 * Use this conversation cache for {@link PiecesCopilot#conversations()}.
		 * @param conversationCache the cache, usually {@code conversationWs.cache()}
		 * @return this builder
		 */
		public Builder conversationCache(@Nullable IdentifierCache<Conversation> conversationCache) {
			this.conversationCache = conversationCache;
			return this;
		}

		/**
		 * Record a {@code pieces.copilot.ask} observation per question (requires {@code micrometer-observation}).
		 * @param observationRegistry the registry, or {@code null} to record nothing
		 * @return this builder
		 */
		public Builder observationRegistry(@Nullable ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Use a custom convention for the {@code pieces.copilot.ask} observation.
		 * @param convention the convention, or {@code null} for {@link DefaultCopilotObservationConvention}
		 * @return this builder
		 */
		public Builder observationConvention(@Nullable CopilotObservationConvention convention) {
			this.observationConvention = convention;
			return this;
		}

		/**
		 * Use a custom convention for the {@code pieces.copilot.ask.first.chunk} observation.
		 * @param convention the convention, or {@code null} for
		 * {@link DefaultCopilotFirstChunkObservationConvention}
		 * @return this builder
		 */
		public Builder firstChunkObservationConvention(@Nullable CopilotFirstChunkObservationConvention convention) {
			this.firstChunkObservationConvention = convention;
			return this;
		}

		/**
		 * Build the copilot (it registers its listener on the socket at once).
		 * @return the copilot
		 */
		public PiecesCopilot build() {
			AskObservation.Factory observations = (this.observationRegistry != null) ? MicrometerSupport
				.factory(this.observationRegistry, this.observationConvention, this.firstChunkObservationConvention)
					: AskObservation.Factory.NOOP;
			return new PiecesCopilot(this.askStream, this.client, this.settings, observations, this.conversationCache);
		}

	}

	/**
	 * Keeps Micrometer types out of the builder's fields, so the builder loads without Micrometer.
	 */
	private static final class MicrometerSupport {

		static AskObservation.Factory factory(Object registry, @Nullable Object convention,
				@Nullable Object firstChunkConvention) {
			return MicrometerAskObservation.factory((ObservationRegistry) registry,
					(CopilotObservationConvention) convention, (CopilotFirstChunkObservationConvention) firstChunkConvention);
		}

	}

}
