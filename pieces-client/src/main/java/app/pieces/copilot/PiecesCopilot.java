package app.pieces.copilot;

import java.time.Duration;
import java.util.List;
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
import app.pieces.model.Conversation;
import app.pieces.model.Model;
import app.pieces.model.QGPTStreamInput;
import app.pieces.model.QGPTStreamOutput;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.WebsocketListener;

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
 * waiting for a new conversation) for frames with an id the server generated; a frame without any id only reaches
 * the one answer in flight in its conversation, never a guessed one. Frames of answers that already ended, and
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
public final class PiecesCopilot implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(PiecesCopilot.class);

	private final AskStreamWS askStream;

	private final PiecesClient client;

	private final CopilotSettings settings;

	private final AskObservation.Factory observations;

	private final AnswerRouter router;

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicBoolean closed = new AtomicBoolean();


	private final Listener listener = new Listener();

	private final CopilotAnswer.Owner owner = new AnswerOwner();

	private final CopilotCatalog catalog;

	private final CopilotInputs inputs;

	private final AnswerStops stops;

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
		this.catalog = new CopilotCatalog(client, askStream, conversationCache);
		this.inputs = new CopilotInputs(client);
		this.stops = new AnswerStops(askStream, settings);
		askStream.addListener(this.listener);
	}

	/**
	 * Start building a copilot with optional collaborators (conversation cache, observations).
	 * @param askStream the {@code /qgpt/stream} socket
	 * @param client the client
	 * @return a builder
	 */
	public static PiecesCopilotBuilder builder(AskStreamWS askStream, PiecesClient client) {
		return new PiecesCopilotBuilder(askStream, client);
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
		QGPTStreamInput input = this.inputs.toInput(request, requestId, (model != null) ? model.id() : null);
		CopilotAnswer answer = new CopilotAnswer(requestId, this.sequence.incrementAndGet(), request, modelName,
				this.owner, this.observations.start(request, requestId, modelName));
		this.router.register(answer);
		if (!request.keepChat()) {
			// the question is not to be kept: its new conversation goes once the answer has ended, whatever the outcome
			answer.completion().whenComplete((frame, failure) -> forget(answer));
		}
		if (this.closed.get()) {
			// close() ran concurrently and may have missed this answer
			answer.fail(CopilotOutcome.CONNECTION_LOST,
					new CopilotConnectionLostException(requestId, "PiecesCopilot was closed", null));
			return answer;
		}
		answer.setAwaitingConnection(true);
		CompletableFuture<Void> sent = send(input);
		// after the send, which starts the socket (and with it the manager's scheduler) if it was idle
		this.stops.watch(answer, this.settings.timeout());
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
			if (this.stops.timeOut(answer, timeoutException)) {
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
		return this.catalog.models();
	}

	/**
	 * Find a model by name (exact, then ignoring case) or id. Uses the models fetched last and fetches them
	 * again once if the name is not among them.
	 * @param nameOrId the model name or id
	 * @return the model
	 * @throws UnknownModelException listing the available names if Pieces OS offers no such model
	 */
	public Model model(String nameOrId) {
		return this.catalog.model(nameOrId);
	}

	/**
	 * List the conversations of the conversation cache, newest first: the cache given to the builder, else the
	 * cache of the {@link app.pieces.websocket.ConversationWS} registered with the socket's manager.
	 * @return the conversations
	 * @throws IllegalStateException if there is no conversation cache
	 */
	public List<Conversation> conversations() {
		return this.catalog.conversations();
	}

	/**
	 * Find a conversation: in the conversation cache if there is one, else over REST
	 * ({@code GET /conversation/{id}}).
	 * @param id the conversation id
	 * @return the conversation, or empty if Pieces OS does not know it (404/410)
	 */
	public Optional<Conversation> conversation(String id) {
		return this.catalog.conversation(id);
	}

	/**
	 * Create a conversation ({@code POST /conversations/create}) to ask questions in.
	 * @param name the conversation name
	 * @return the conversation
	 */
	public Conversation createConversation(String name) {
		return this.client.conversations().create(name);
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
				this.stops.sendStop(answer);
			}
		}
	}

	/** Delete the conversation of an answer that was not to be kept, on a worker (a blocking REST call). */
	private void forget(CopilotAnswer answer) {
		String conversationId = answer.knownConversationId();
		if (conversationId == null) {
			return;
		}
		try {
			this.askStream.manager().executor().execute(() -> {
				try {
					this.client.conversations().delete(conversationId);
				}
				catch (RuntimeException ex) {
					logger.warn("Could not delete conversation " + conversationId + " of copilot answer "
							+ answer.requestId() + ", which was not to be kept: " + ex.getMessage());
				}
			});
		}
		catch (RejectedExecutionException ex) {
			logger.warn("Could not delete conversation " + conversationId + " of copilot answer " + answer.requestId()
					+ " (the websocket manager is closed); it stays in Pieces");
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
			if (!PiecesCopilot.this.inputs.isRegistered()) {
				try {
					PiecesCopilot.this.askStream.manager().executor().execute(() -> {
						if (!PiecesCopilot.this.closed.get()) {
							PiecesCopilot.this.inputs.registerQuietly();
						}
					});
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

	}

	private final class AnswerOwner implements CopilotAnswer.Owner {

		@Override
		public void sendStop(CopilotAnswer answer) {
			PiecesCopilot.this.stops.sendStop(answer);
		}

		@Override
		public void finished(CopilotAnswer answer) {
			PiecesCopilot.this.router.finished(answer);
		}

	}

}
