package app.pieces.websocket;

import java.io.IOException;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.JsonNode;

import app.pieces.model.QGPTStreamEnum;
import app.pieces.model.QGPTStreamInput;
import app.pieces.model.QGPTStreamOutput;

/**
 * The copilot stream ({@code /qgpt/stream}): {@link #sendMessage(QGPTStreamInput)} sends
 * questions, listeners receive every {@link QGPTStreamOutput} frame.
 * <p>
 * A message sent while the socket is connecting or waiting to reconnect is queued and sent
 * exactly once, right after the next connect, in the order of the calls; it is never re-sent
 * on later reconnects (the Python SDK's defects B3/B4). Sending on an idle socket starts it.
 * Concurrent sends never overlap on the wire: one writer task, run on the manager's workers, writes the
 * queue in order. When a connection drops, listeners get
 * {@code onClose}: answers in flight on that connection will not continue, so callers should
 * fail them (the server does not resume them after a reconnect).
 * <p>
 * A frame whose {@code status} is not a known value is delivered with status
 * {@link QGPTStreamEnum#UNKNOWN} (a terminal status) and also reported as malformed.
 * <p>
 * Several copilots may share one socket; every one of them sees every frame. So that none takes another's
 * frames, the socket remembers the {@code request} ids sent on it (the last 4096 sent or claimed) and lets
 * its copilots {@linkplain #claimRequestId(String) claim} ids: this state belongs to the socket, two sockets
 * never share it.
 *
 * @author Pieces starter team
 */
public final class AskStreamWS extends BaseWebsocket<QGPTStreamOutput> {

	private static final Log logger = LogFactory.getLog(AskStreamWS.class);

	// added to by senders, taken from by the writer only (a write that did not happen goes back to the head)
	private final Deque<Outgoing> queue = new ConcurrentLinkedDeque<>();

	// runs the writes and the failing of what a closure left behind, one at a time, never on a sender's thread
	private final SerialExecutor writer;

	private final WriteHooks hooks;

	private final RequestIds requestIds = new RequestIds();

	/**
	 * Create a copilot socket with the Python SDK's callbacks.
	 * @param manager the manager
	 * @param onMessage called with every output frame, or {@code null}
	 * @param onOpen called after each connect, or {@code null}
	 * @param onError called on errors, or {@code null}
	 * @param onClose called when a connection ends, or {@code null}
	 */
	public AskStreamWS(PiecesWebsocketManager manager, @Nullable Consumer<? super QGPTStreamOutput> onMessage,
			@Nullable Runnable onOpen, @Nullable Consumer<? super Throwable> onError,
			@Nullable Consumer<? super CloseStatus> onClose) {
		this(manager, WebsocketListener.of(onMessage, onOpen, onError, onClose));
	}

	/**
	 * Create a copilot socket.
	 * @param manager the manager
	 * @param listener the seed listener, or {@code null}
	 */
	public AskStreamWS(PiecesWebsocketManager manager, @Nullable WebsocketListener<? super QGPTStreamOutput> listener) {
		this(manager, listener, WriteHooks.NONE);
	}

	AskStreamWS(PiecesWebsocketManager manager, @Nullable WebsocketListener<? super QGPTStreamOutput> listener,
			WriteHooks hooks) {
		super(manager, PiecesStream.QGPT, listener);
		this.hooks = hooks;
		// a refused task runs on the caller: a message handed to the socket must complete, also during shutdown
		this.writer = new SerialExecutor(PiecesStream.QGPT.tag() + " writer", manager::workers, true);
	}

	/**
	 * Send a message now if connected, otherwise queue it for the next connect (starting an
	 * idle socket).
	 * <p>
	 * The returned future is the message's cancellation handle:
	 * {@link CompletableFuture#cancel(boolean) cancel} removes a message that has not been
	 * written yet from the queue (and returns {@code true}: it will never be sent); it returns
	 * {@code false} if the message is being written or was written. Queued messages fail when
	 * the socket moves to {@link ConnectionState#CLOSED} (by {@link #close()}, or because
	 * reconnecting is disabled or gave up) or {@link ConnectionState#UNSUPPORTED}: a later
	 * {@link #start()} never sends them.
	 * @param input the message
	 * @return a future that completes when the frame has been written, or exceptionally if
	 * it could not be serialised, the write failed, or the socket was closed (or is
	 * {@link ConnectionState#UNSUPPORTED}) before it was sent
	 */
	public CompletableFuture<Void> sendMessage(QGPTStreamInput input) {
		String json;
		try {
			json = client().jsonMapper().writeValueAsString(input);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		String requestId = input.request();
		if (requestId != null) {
			this.requestIds.sent(requestId);
		}
		// the closure count is read before the state: a closure after this read fails the message
		Outgoing outgoing = new Outgoing(json, closures());
		ConnectionState current = state();
		if (current == ConnectionState.CLOSED || current == ConnectionState.UNSUPPORTED) {
			outgoing.completeExceptionally(new IllegalStateException(
					"The qgpt stream is " + current.name().toLowerCase(Locale.ROOT) + "; start it first"));
			return outgoing;
		}
		this.queue.addLast(outgoing);
		if (current == ConnectionState.IDLE) {
			start();
		}
		// read again after queueing: a connect that came in meanwhile has its own write pass, or sees the message
		if (state() == ConnectionState.OPEN) {
			this.writer.execute(this::writeQueued);
		}
		this.hooks.sent(input, outgoing);
		return outgoing;
	}

	/**
	 * Return the number of messages waiting for a connection (not those a closure failed or is failing).
	 * @return the queue length
	 */
	public int queuedMessages() {
		return (int) this.queue.stream().filter((outgoing) -> !outgoing.fromBeforeClosure()).count();
	}

	/**
	 * For copilots sharing this socket: claim a {@code request} id, so that at most one of them routes the
	 * frames that carry it. A copilot claims the id of each question it asks, and a server-generated id (one
	 * it did not send) before it takes frames carrying it as belonging to one of its answers; when the claim
	 * fails, the frames belong to a question sent on this socket (by this or another sender) or to another
	 * copilot's answer, and the copilot must leave them alone.
	 * <p>
	 * Ids of every {@link QGPTStreamInput#request()} given to {@link #sendMessage(QGPTStreamInput)} count as
	 * claimed. The socket remembers the last 4096 ids sent or claimed (claiming or sending an id again makes
	 * it recent); ids are never released, so late frames of answers that ended are not taken either. The ids
	 * stay with this socket object across reconnects.
	 * @param requestId the request id
	 * @return {@code true} if this call claimed the id; {@code false} if it was sent on this socket or
	 * claimed before
	 */
	public boolean claimRequestId(String requestId) {
		Assert.hasLength(requestId, "'requestId' must not be empty");
		return this.requestIds.claim(requestId);
	}

	/**
	 * The writer task: write the queued messages in order until the queue is empty or the socket is not
	 * connected. Messages from before the last closure fail instead.
	 */
	private void writeQueued() {
		Outgoing next;
		while ((next = this.queue.pollFirst()) != null) {
			if (next.fromBeforeClosure()) {
				next.failClosed();
			}
			else if (next.startWriting() && !write(next)) {
				return;
			}
		}
	}

	/**
	 * Write one message.
	 * @return {@code false} if the socket was not connected: the message is back at the head of the queue (or
	 * failed or cancelled, if the socket closed or {@code cancel} was called meanwhile)
	 */
	private boolean write(Outgoing outgoing) {
		this.hooks.beforeWrite();
		try {
			if (trySendText(outgoing.json)) {
				outgoing.complete(null);
				return true;
			}
		}
		catch (IOException | RuntimeException ex) {
			outgoing.completeExceptionally(ex);
			return true;
		}
		this.hooks.afterUnsent();
		if (outgoing.fromBeforeClosure()) {
			outgoing.failClosed();
		}
		else if (outgoing.backToQueue()) {
			// the next connect's write pass sends it, before anything queued after it
			this.queue.addFirst(outgoing);
		}
		return false;
	}

	@Override
	void onConnected() {
		this.writer.execute(this::writeQueued);
	}

	/**
	 * The socket moved to {@link ConnectionState#CLOSED} or {@link ConnectionState#UNSUPPORTED}: fail what was
	 * queued before; a {@link #start()} that came in since then never sends it.
	 */
	@Override
	void onClosedByClient() {
		this.writer.execute(() -> {
			int failed = 0;
			for (Outgoing outgoing : this.queue) {
				if (outgoing.fromBeforeClosure() && this.queue.remove(outgoing)) {
					outgoing.failClosed();
					failed++;
				}
			}
			if (failed > 0) {
				logger.warn("The qgpt stream closed; failed " + failed
						+ " message(s) that were waiting for a connection");
			}
		});
	}
	@Override
	FrameOutcome processText(String text) {
		QGPTStreamOutput output;
		try {
			output = client().jsonMapper().readValue(text, QGPTStreamOutput.class);
		}
		catch (RuntimeException ex) {
			return badFrame(FrameOutcome.MALFORMED, "not a QGPTStreamOutput object", ex);
		}
		if (output == null) {
			return badFrame(FrameOutcome.MALFORMED, "expected a QGPTStreamOutput object", null);
		}
		deliver(output);
		if (output.request() == null) {
			// Pieces OS's model says the id is always present: such a frame is not its own
			return badFrame(FrameOutcome.MALFORMED, "no 'request' id; a copilot answer takes such a frame only when "
					+ "its conversation names a single answer in flight", null);
		}
		if (output.status() == QGPTStreamEnum.UNKNOWN && hasUnknownStatusValue(text)) {
			return badFrame(FrameOutcome.MALFORMED, "unknown status value, delivered as UNKNOWN", null);
		}
		return FrameOutcome.PROCESSED;
	}

	/**
	 * Whether the frame's {@code status} is a string other than {@code UNKNOWN}: a value this client does not know.
	 * Only read again for the rare frame whose status mapped to {@link QGPTStreamEnum#UNKNOWN}.
	 */
	private boolean hasUnknownStatusValue(String text) {
		JsonNode status = client().jsonMapper().readTree(text).get("status");
		return status != null && status.isString() && !"UNKNOWN".equalsIgnoreCase(status.asString().trim());
	}

	/**
	 * Points around a send where a test can step in (a write that fails while the socket reconnects, a sender
	 * that waits until Pieces OS holds its question); {@link #NONE} in production.
	 */
	interface WriteHooks {

		WriteHooks NONE = new WriteHooks() {
		};

		/** On the writer, before a queued message is written. */
		default void beforeWrite() {
		}

		/** On the writer, after a write found the socket not connected. */
		default void afterUnsent() {
		}

		/** On the sender's thread, before {@code sendMessage} returns. */
		default void sent(QGPTStreamInput input, CompletableFuture<Void> written) {
		}

	}

	/**
	 * A message waiting to be written, and its cancellation handle ({@link #cancel(boolean)} withdraws it while
	 * it is not being written). Its one state field is all a sender, a canceller and the writer share.
	 */
	private final class Outgoing extends CompletableFuture<Void> {

		private static final int QUEUED = 0;

		private static final int WRITING = 1;

		// cancel() came while the message was being written: dropped if the write did not happen
		private static final int CANCEL_REQUESTED = 2;

		private static final int WITHDRAWN = 3;

		final String json;

		private final long closuresAtSend;

		private final AtomicInteger state = new AtomicInteger(QUEUED);

		Outgoing(String json, long closuresAtSend) {
			this.json = json;
			this.closuresAtSend = closuresAtSend;
		}

		boolean fromBeforeClosure() {
			return this.closuresAtSend != closures();
		}

		boolean startWriting() {
			return this.state.compareAndSet(QUEUED, WRITING);
		}

		/** After a write that did not happen: {@code false} if the message was cancelled meanwhile (and is now). */
		boolean backToQueue() {
			if (this.state.compareAndSet(WRITING, QUEUED)) {
				return true;
			}
			super.cancel(false);
			return false;
		}

		void failClosed() {
			completeExceptionally(new IllegalStateException("The qgpt stream was closed before the message "
					+ "could be sent (Pieces OS unreachable or the stream closed)"));
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			if (this.state.compareAndSet(QUEUED, WITHDRAWN)) {
				AskStreamWS.this.queue.remove(this);
				return super.cancel(false);
			}
			// the write decides: a message put back is dropped, a written one stays written
			this.state.compareAndSet(WRITING, CANCEL_REQUESTED);
			return false;
		}

	}

}
