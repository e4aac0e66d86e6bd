package app.pieces.copilot;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import app.pieces.model.QGPTQuestionOutput;
import app.pieces.model.QGPTStreamEnum;
import app.pieces.model.QGPTStreamOutput;

/**
 * The handle of one question asked with {@link PiecesCopilot#ask(CopilotRequest)}: its streamed chunks, its
 * full text, its final frame, its conversation id, and {@link #stop()}.
 * <p>
 * How an answer ends:
 * <ul>
 * <li>{@code COMPLETED}: {@link #text()} completes with the concatenated chunks and {@link #completion()} with
 * the terminal {@link QGPTStreamOutput};</li>
 * <li>{@code FAILED} (or an unexpected terminal status such as {@code UNKNOWN}): both complete exceptionally
 * with a {@link CopilotFailedException} carrying {@code errorMessage} and {@code statusCode};</li>
 * <li>{@code STOPPED}, {@code CANCELED} and {@code RESET} (a reset ends every generation of the stream), and
 * {@link #stop()}: both complete exceptionally with a {@link CopilotCancelledException}, so
 * {@link CompletableFuture#isCancelled()} is {@code true};</li>
 * <li>no frame for longer than {@link CopilotSettings#timeout()}: the copilot sends a stop frame and fails the
 * answer with a {@link CopilotTimeoutException};</li>
 * <li>the socket closes while the answer is in flight: {@link CopilotConnectionLostException}; the question is
 * not re-sent.</li>
 * </ul>
 * {@code INITIALIZED} frames are tolerated (they carry no text), and text on a terminal frame is ignored (the
 * protocol sends deltas on {@code IN-PROGRESS} frames only).
 * <p>
 * Threads: frames are handled on the {@code /qgpt/stream} socket's serial executor, so chunk listeners,
 * subscribers and the futures' dependent stages run there (in order) unless they use {@code *Async} stages;
 * keep them quick. Timeouts complete the answer on the manager's scheduler thread. Cancelling {@link #text()} or
 * {@link #completion()} with {@link CompletableFuture#cancel(boolean)} stops the answer.
 */
public final class CopilotAnswer {

	private static final Log logger = LogFactory.getLog(CopilotAnswer.class);

	private final String requestId;

	private final long sequence;

	private final CopilotRequest request;

	private final @Nullable String modelName;

	private final Owner owner;

	private final AskObservation observation;

	private final ChunkStream stream = new ChunkStream();

	private final CompletableFuture<String> text = new CompletableFuture<>();

	private final CompletableFuture<QGPTStreamOutput> completion = new CompletableFuture<>();

	private final CompletableFuture<String> conversationId = new CompletableFuture<>();

	private final AtomicReference<@Nullable Ending> ending = new AtomicReference<>();

	// a stop frame was written for this answer (at most one is)
	private final AtomicBoolean stopWritten = new AtomicBoolean();

	private volatile @Nullable String knownConversationId;

	private volatile long lastActivityNanos;

	private volatile boolean awaitingConnection;

	// the question's pending write: cancelled when the answer ends before it was written
	private volatile @Nullable CompletableFuture<Void> pendingSend;

	// the next silence check on the manager's scheduler: cancelled when the answer ends, so nothing holds the answer
	private volatile @Nullable Future<?> timeoutCheck;

	CopilotAnswer(String requestId, long sequence, CopilotRequest request, @Nullable String modelName, Owner owner,
			AskObservation observation) {
		this.requestId = requestId;
		this.sequence = sequence;
		this.request = request;
		this.modelName = modelName;
		this.owner = owner;
		this.observation = observation;
		this.lastActivityNanos = System.nanoTime();
		String requestedConversation = request.conversationId();
		if (requestedConversation != null) {
			this.knownConversationId = requestedConversation;
			this.conversationId.complete(requestedConversation);
		}
		this.text.whenComplete((result, ex) -> stopIfCancelledByCaller(ex));
		this.completion.whenComplete((result, ex) -> stopIfCancelledByCaller(ex));
	}

	/**
	 * Return the {@code request} id sent with the question and echoed by Pieces OS in every frame of the
	 * answer.
	 * @return the request id
	 */
	public String requestId() {
		return this.requestId;
	}

	/**
	 * Return the request this answer is for.
	 * @return the request
	 */
	public CopilotRequest request() {
		return this.request;
	}

	/**
	 * Return the name of the model the question was sent to.
	 * @return the model name, or empty when Pieces OS chose the model
	 */
	public Optional<String> modelName() {
		return Optional.ofNullable(this.modelName);
	}

	/**
	 * Return the conversation id: completes at once for a follow-up, or with the first frame of the answer
	 * for a new conversation (use it to ask follow-ups with {@link CopilotRequest.Builder#conversation}). It
	 * completes exceptionally like {@link #text()} if the answer ends before any frame arrived.
	 * @return the conversation id
	 */
	public CompletableFuture<String> conversationId() {
		return this.conversationId;
	}

	/**
	 * Register a chunk listener. Chunks already received are replayed to it first, so no chunk is missed
	 * however late it registers; each chunk is delivered once, in order.
	 * @param listener the listener, called with each chunk of text
	 * @return this answer
	 */
	public CopilotAnswer onChunk(Consumer<String> listener) {
		this.stream.addListener(listener);
		return this;
	}

	/**
	 * Return a publisher of the chunks: every subscriber receives all chunks from the first one (honouring
	 * its demand), then {@code onComplete} on {@code COMPLETED} or {@code onError} with the exception the
	 * futures complete with. Cancelling a subscription does not stop the answer.
	 * @return the chunks
	 */
	public Flow.Publisher<String> chunks() {
		return this.stream;
	}

	/**
	 * Return the full text, completed on {@code COMPLETED}.
	 * @return the text
	 */
	public CompletableFuture<String> text() {
		return this.text;
	}

	/**
	 * Return the terminal frame, completed on {@code COMPLETED}.
	 * @return the terminal frame
	 */
	public CompletableFuture<QGPTStreamOutput> completion() {
		return this.completion;
	}

	/**
	 * Return the text received so far.
	 * @return the concatenated chunks so far
	 */
	public String textSoFar() {
		return this.stream.text();
	}

	/**
	 * Return whether the answer has ended (in any way).
	 * @return {@code true} once ended
	 */
	public boolean isDone() {
		return this.ending.get() != null;
	}

	/**
	 * Return how the answer ended.
	 * @return the outcome, empty while in flight
	 */
	public Optional<CopilotOutcome> outcome() {
		Ending current = this.ending.get();
		return (current != null) ? Optional.of(current.outcome()) : Optional.empty();
	}

	/**
	 * Stop the answer: sends {@code {"conversation":..,"request":..,"stop":true}} (when the socket is
	 * connected) and completes the answer as cancelled at once; frames that still arrive for it are dropped. A
	 * question still queued while the socket (re)connects is withdrawn instead: it is never sent.
	 * @return {@code true} if this call stopped the answer, {@code false} if it had already ended
	 */
	public boolean stop() {
		boolean stopped = finish(CopilotOutcome.CANCELLED,
				new CopilotCancelledException(this.requestId, null, "Copilot answer stopped by the caller"), null);
		if (stopped) {
			this.owner.sendStop(this);
		}
		return stopped;
	}

	@Override
	public String toString() {
		Ending current = this.ending.get();
		return "CopilotAnswer[requestId=" + this.requestId + ", conversationId="
				+ ((this.knownConversationId != null) ? this.knownConversationId : "unknown") + ", chunks=" + this.stream.chunkCount() + ", outcome="
				+ ((current != null) ? current.outcome() : "in flight") + "]";
	}

	// --- called by PiecesCopilot ---

	long sequence() {
		return this.sequence;
	}

	@Nullable String knownConversationId() {
		return this.knownConversationId;
	}

	/**
	 * Return whether the question is still waiting to be written to the socket (queued while it connects);
	 * such an answer survives a socket close because the question will be sent after the reconnect.
	 * @return {@code true} until the question was sent
	 */
	boolean isAwaitingConnection() {
		return this.awaitingConnection;
	}

	void setAwaitingConnection(boolean awaitingConnection) {
		this.awaitingConnection = awaitingConnection;
	}

	/**
	 * Remember the write of the question (the socket's cancellation handle); if the answer already ended, withdraw
	 * the question at once. If it was written (or is being written) already, a stop frame follows it only when the
	 * answer ended on this side (stopped, cancelled, timed out, copilot closed): an answer Pieces OS ended itself
	 * ({@code COMPLETED}, {@code FAILED}, a rejected seed, ...) is over on the server too, so it gets no stop.
	 * @param sent the future returned by the socket's {@code sendMessage}
	 */
	void sending(CompletableFuture<Void> sent) {
		this.pendingSend = sent;
		Ending current = this.ending.get();
		if (current != null && !withdraw(sent) && !current.byPiecesOs()) {
			this.owner.sendStop(this);
		}
	}

	/**
	 * Claim the one stop frame of this answer, so that two paths that want it stopped write only one.
	 * @return {@code true} the first time only
	 */
	boolean claimStopFrame() {
		return this.stopWritten.compareAndSet(false, true);
	}

	/**
	 * Remember the next silence check scheduled on the manager's scheduler; cancel it at once if the answer ended.
	 * @param check the scheduled check
	 */
	void timeoutCheck(Future<?> check) {
		this.timeoutCheck = check;
		if (isDone()) {
			check.cancel(false);
		}
	}

	/**
	 * Return the question's write, if it was handed to the socket.
	 * @return the future returned by the socket's {@code sendMessage}, or {@code null}
	 */
	@Nullable CompletableFuture<Void> pendingSend() {
		return this.pendingSend;
	}

	/**
	 * Withdraw the question from the socket's queue unless it was (or is being) written.
	 * @return {@code true} if the question will never be sent
	 */
	private static boolean withdraw(CompletableFuture<Void> sent) {
		return sent.cancel(false) || sent.isCancelled() || (sent.isCompletedExceptionally());
	}

	/**
	 * Return how long ago the last frame (or the question) was.
	 * @return the silence so far
	 */
	Duration silence() {
		return Duration.ofNanos(System.nanoTime() - this.lastActivityNanos);
	}

	/**
	 * Handle a frame routed to this answer.
	 * @param frame the frame
	 */
	void handle(QGPTStreamOutput frame) {
		if (isDone()) {
			return;
		}
		this.lastActivityNanos = System.nanoTime();
		String frameConversation = frame.conversation();
		if (frameConversation != null && this.knownConversationId == null) {
			this.knownConversationId = frameConversation;
			this.observation.conversation(frameConversation);
			this.conversationId.complete(frameConversation);
		}
		QGPTStreamEnum status = frame.status();
		if (status == null || status == QGPTStreamEnum.IN_PROGRESS) {
			appendText(frame);
			return;
		}
		switch (status) {
			case INITIALIZED -> {
				// tolerated: carries no text (the Python SDK wrongly ends its stream here)
			}
			case COMPLETED -> finish(CopilotOutcome.SUCCESS, null, frame);
			case STOPPED, CANCELED, RESET -> finish(CopilotOutcome.CANCELLED, new CopilotCancelledException(
					this.requestId, status.wireValue(), "Copilot answer ended by Pieces OS with " + status.wireValue()),
					frame);
			default -> finish(CopilotOutcome.FAILED, new CopilotFailedException(this.requestId, status.wireValue(),
					frame.statusCode(), frame.errorMessage()), frame);
		}
	}

	private void appendText(QGPTStreamOutput frame) {
		QGPTQuestionOutput question = frame.question();
		String chunk = (question != null) ? question.text() : "";
		if (chunk.isEmpty()) {
			return;
		}
		if (this.stream.append(chunk) && this.stream.chunkCount() == 1) {
			this.observation.firstChunk();
		}
	}

	/**
	 * End the answer abnormally (timeout, connection loss, send failure).
	 * @param outcome the outcome
	 * @param failure the exception the futures complete with
	 * @return {@code true} if this call ended the answer
	 */
	boolean fail(CopilotOutcome outcome, Throwable failure) {
		return finish(outcome, failure, null);
	}

	private boolean finish(CopilotOutcome result, @Nullable Throwable failure, @Nullable QGPTStreamOutput last) {
		if (!this.ending.compareAndSet(null, new Ending(result, last != null))) {
			return false;
		}
		Future<?> check = this.timeoutCheck;
		if (check != null) {
			check.cancel(false);
		}
		CompletableFuture<Void> sent = this.pendingSend;
		if (sent != null && !sent.isDone()) {
			// still queued while the socket (re)connects: nobody wants the answer any more, never send the question
			withdraw(sent);
		}
		try {
			this.stream.terminate(failure);
			this.observation.stop(result, this.stream.chunkCount(), failure);
		}
		finally {
			this.owner.finished(this);
			if (failure == null && last != null) {
				String conversation = last.conversation();
				if (conversation != null) {
					this.conversationId.complete(conversation);
				}
				else {
					this.conversationId.completeExceptionally(
							new CopilotException("Pieces OS reported no conversation id", this.requestId, null));
				}
				this.text.complete(this.stream.text());
				this.completion.complete(last);
			}
			else {
				Throwable error = (failure != null) ? failure
						: new CopilotException("Copilot answer ended without a result", this.requestId, null);
				this.conversationId.completeExceptionally(error);
				this.text.completeExceptionally(error);
				this.completion.completeExceptionally(error);
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Copilot answer " + this.requestId + " ended: " + result);
		}
		return true;
	}

	private void stopIfCancelledByCaller(@Nullable Throwable ex) {
		if (ex instanceof CancellationException && !(ex instanceof CopilotCancelledException) && !isDone()) {
			stop();
		}
	}

	/**
	 * How an answer ended.
	 * @param outcome the outcome
	 * @param byPiecesOs whether a terminal frame from Pieces OS ended it (rather than this side)
	 */
	private record Ending(CopilotOutcome outcome, boolean byPiecesOs) {
	}

	/**
	 * What an answer needs from its copilot.
	 */
	interface Owner {

		/**
		 * Send a stop frame for the answer (best effort).
		 * @param answer the answer
		 */
		void sendStop(CopilotAnswer answer);

		/**
		 * The answer ended: stop routing frames to it.
		 * @param answer the answer
		 */
		void finished(CopilotAnswer answer);

	}

}
