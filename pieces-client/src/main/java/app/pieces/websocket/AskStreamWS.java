package app.pieces.websocket;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
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
 * Concurrent sends never overlap on the wire. When a connection drops, listeners get
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
public non-sealed class AskStreamWS extends BaseWebsocket<QGPTStreamOutput> {

	private static final Log logger = LogFactory.getLog(AskStreamWS.class);

	// guarded by stateLock()
	private final Deque<Outgoing> queue = new ArrayDeque<>();

	// guarded by stateLock()
	private boolean flushing;

	// guarded by stateLock(): a connect happened while a drain was running, so that drain must look again
	private boolean drainAgain;

	// guarded by stateLock(): messages taken from the queue when the socket closed, failed later on the executor
	private final List<Outgoing> closedOut = new ArrayList<>();

	// guarded by stateLock(): how many times the socket moved to CLOSED or UNSUPPORTED
	private long closures;

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
		Outgoing outgoing = new Outgoing(json);
		boolean drainNow = false;
		boolean startNeeded = false;
		synchronized (stateLock()) {
			ConnectionState current = state();
			if (current == ConnectionState.CLOSED || current == ConnectionState.UNSUPPORTED) {
				outgoing.completeExceptionally(
						new IllegalStateException("The qgpt stream is " + current.name().toLowerCase(java.util.Locale.ROOT) + "; start it first"));
				return outgoing;
			}
			this.queue.addLast(outgoing);
			if (current == ConnectionState.OPEN && !this.flushing) {
				this.flushing = true;
				drainNow = true;
			}
			startNeeded = (current == ConnectionState.IDLE);
		}
		if (startNeeded) {
			start();
		}
		if (drainNow) {
			// Write on a worker, never on the caller's thread: an interrupted caller would make the blocking
			// write fail and close the session that every answer in flight shares.
			try {
				manager().workers().execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				drain();
			}
		}
		return outgoing;
	}

	/**
	 * Return the number of messages waiting for a connection.
	 * @return the queue length
	 */
	public int queuedMessages() {
		synchronized (stateLock()) {
			return this.queue.size();
		}
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
	 * Write one message taken from the queue (marked as being written).
	 * @return {@code false} if the socket was not connected and the message went back to the queue
	 */
	private boolean send(Outgoing outgoing) {
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
		// definitely not sent: keep it for the next connect, unless it was cancelled meanwhile
		boolean closed;
		boolean cancelled;
		synchronized (stateLock()) {
			outgoing.writing = false;
			cancelled = outgoing.cancelRequested;
			// closed now, or closed meanwhile and started again: either way the closure failed what was waiting
			closed = (state() == ConnectionState.CLOSED || state() == ConnectionState.UNSUPPORTED
					|| this.closures != outgoing.closuresWhenTaken);
			if (!closed && !cancelled) {
				this.queue.addFirst(outgoing);
			}
		}
		if (cancelled) {
			outgoing.cancelled();
		}
		else if (closed) {
			outgoing.completeExceptionally(new IllegalStateException("The qgpt stream was closed"));
		}
		return false;
	}

	@Override
	void onConnected() {
		synchronized (stateLock()) {
			if (this.flushing) {
				// a drain is running: its write may just have failed on the old connection, so it must look again
				// (else the message it puts back would wait for yet another connect or send)
				this.drainAgain = true;
				return;
			}
			if (this.queue.isEmpty()) {
				return;
			}
			this.flushing = true;
		}
		drain();
	}

	/**
	 * Send the queued messages in order; only one drain runs at a time (the caller set {@code flushing}).
	 */
	private void drain() {
		while (true) {
			Outgoing next;
			synchronized (stateLock()) {
				next = this.queue.pollFirst();
				if (next == null) {
					this.flushing = false;
					this.drainAgain = false;
					return;
				}
				next.writing = true;
				next.closuresWhenTaken = this.closures;
			}
			if (!send(next)) {
				synchronized (stateLock()) {
					if (!this.drainAgain) {
						this.flushing = false;
						return;
					}
					// reconnected while the write failed on the old connection: onConnected() left the queue to us
					this.drainAgain = false;
				}
			}
		}
	}

	/**
	 * The socket is moving to {@link ConnectionState#CLOSED} (closed by the client, or reconnecting disabled or
	 * exhausted) or {@link ConnectionState#UNSUPPORTED}: take the queued messages now, before a {@link #start()}
	 * can come in, so that nothing sends them later; {@link #onClosedByClient()} fails them.
	 */
	@Override
	void onClosedLocked() {
		this.closures++;
		this.closedOut.addAll(this.queue);
		this.queue.clear();
	}

	/**
	 * Fail the messages taken from the queue when the socket closed.
	 */
	@Override
	void onClosedByClient() {
		List<Outgoing> dropped;
		synchronized (stateLock()) {
			dropped = new ArrayList<>(this.closedOut);
			this.closedOut.clear();
		}
		if (!dropped.isEmpty()) {
			logger.warn("The qgpt stream closed; failing " + dropped.size()
					+ " message(s) that were waiting for a connection");
		}
		for (Outgoing outgoing : dropped) {
			outgoing.completeExceptionally(new IllegalStateException("The qgpt stream was closed before the "
					+ "message could be sent (Pieces OS unreachable or the stream closed)"));
		}
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
	 * Points around the write of a queued message where a test can step in (a write that fails while the socket
	 * reconnects); {@link #NONE} in production.
	 */
	interface WriteHooks {

		WriteHooks NONE = new WriteHooks() {
		};

		default void beforeWrite() {
		}

		default void afterUnsent() {
		}

	}

	/**
	 * A message waiting to be written, and its cancellation handle ({@link #cancel(boolean)} withdraws it while
	 * it is not being written).
	 */
	private final class Outgoing extends CompletableFuture<Void> {

		final String json;

		// guarded by stateLock(): taken by a drain and being written now
		boolean writing;

		// guarded by stateLock(): cancel() was called while the message was being written
		boolean cancelRequested;

		// guarded by stateLock(): the socket's closure count when a drain took the message
		long closuresWhenTaken;

		Outgoing(String json) {
			this.json = json;
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			if (isDone()) {
				return false;
			}
			synchronized (stateLock()) {
				if (this.writing) {
					// the write decides: re-queued messages are dropped, written ones stay written
					this.cancelRequested = true;
					return false;
				}
				AskStreamWS.this.queue.remove(this);
				AskStreamWS.this.closedOut.remove(this);
			}
			return cancelled();
		}

		boolean cancelled() {
			return super.cancel(false);
		}

	}

}
