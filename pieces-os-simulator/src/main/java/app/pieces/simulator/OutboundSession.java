package app.pieces.simulator;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.websocket.Session;

/**
 * One open websocket session with an ordered outbound queue: producers enqueue without blocking (often
 * while holding the store's monitor), and one drain task at a time writes the frames in order.
 */
final class OutboundSession {

	private static final System.Logger logger = System.getLogger(OutboundSession.class.getName());

	private final Session session;

	private final StreamKind kind;

	private final Executor executor;

	private final Queue<String> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean draining = new AtomicBoolean();

	OutboundSession(Session session, StreamKind kind, Executor executor) {
		this.session = session;
		this.kind = kind;
		this.executor = executor;
	}

	Session session() {
		return this.session;
	}

	StreamKind kind() {
		return this.kind;
	}

	boolean isOpen() {
		return this.session.isOpen();
	}

	/**
	 * Queue a text frame; frames are written in the order they were queued.
	 * @param text the frame
	 */
	void send(String text) {
		this.queue.add(text);
		scheduleDrain();
	}

	private void scheduleDrain() {
		if (this.draining.compareAndSet(false, true)) {
			try {
				this.executor.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				this.queue.clear();
				this.draining.set(false);
			}
		}
	}

	private void drain() {
		try {
			String text;
			while ((text = this.queue.poll()) != null) {
				if (!this.session.isOpen()) {
					this.queue.clear();
					return;
				}
				try {
					this.session.getBasicRemote().sendText(text);
				}
				catch (IOException | RuntimeException ex) {
					logger.log(System.Logger.Level.DEBUG, "Could not send a " + this.kind.streamName()
							+ " frame on session " + this.session.getId() + ": " + ex);
				}
			}
		}
		finally {
			this.draining.set(false);
		}
		if (!this.queue.isEmpty()) {
			scheduleDrain();
		}
	}

}
