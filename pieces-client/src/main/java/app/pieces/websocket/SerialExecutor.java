package app.pieces.websocket;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: the per-socket executor
 * that keeps a socket's callbacks ordered while different sockets proceed in parallel.
 * A task that throws is logged and does not stop later tasks. When the pool refuses work (its manager is
 * closed), tasks are dropped, or run on the caller's thread for an executor that must not lose them.
 *
 * @author Pieces starter team
 */
final class SerialExecutor implements Executor {

	private static final Log logger = LogFactory.getLog(SerialExecutor.class);

	private final String name;

	private final Supplier<Executor> pool;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final boolean runWhenRefused;

	/** The executor whose tasks submitted on this thread wait for {@link #runThenDrainHere} to run them. */
	private static final ThreadLocal<SerialExecutor> deferring = new ThreadLocal<>();

	SerialExecutor(String name, Supplier<Executor> pool) {
		this(name, pool, false);
	}

	SerialExecutor(String name, Supplier<Executor> pool, boolean runWhenRefused) {
		this.name = name;
		this.pool = pool;
		this.runWhenRefused = runWhenRefused;
	}

	@Override
	public void execute(Runnable task) {
		this.tasks.add(task);
		if (deferring.get() != this) {
			schedule();
		}
	}

	/**
	 * Run an action, then run the tasks it submitted to this executor on the calling thread (if no other thread
	 * is running this executor's tasks at that moment; that one runs them then). For a pool worker that has just
	 * fetched what the tasks announce: the result reaches the listeners without one more hand-off to another
	 * worker, and the tasks still run one at a time, in order, and never inside a lock the action holds.
	 * @param action the action
	 */
	void runThenDrainHere(Runnable action) {
		SerialExecutor previous = deferring.get();
		deferring.set(this);
		try {
			action.run();
		}
		finally {
			deferring.set(previous);
		}
		if (!this.tasks.isEmpty() && this.scheduled.compareAndSet(false, true)) {
			drain();
		}
	}

	private void schedule() {
		if (this.scheduled.compareAndSet(false, true)) {
			try {
				this.pool.get().execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				if (this.runWhenRefused) {
					// still one at a time: 'scheduled' is ours until drain() gives it back
					drain();
					return;
				}
				this.scheduled.set(false);
				int dropped = this.tasks.size();
				this.tasks.clear();
				if (logger.isDebugEnabled()) {
					logger.debug("Dropped " + dropped + " callback(s) of the " + this.name
							+ " stream because its manager is closed");
				}
			}
		}
	}

	private void drain() {
		try {
			Runnable task;
			while ((task = this.tasks.poll()) != null) {
				try {
					task.run();
				}
				catch (Throwable ex) {
					logger.warn("A callback of the " + this.name + " stream threw " + ex, ex);
				}
			}
		}
		finally {
			this.scheduled.set(false);
			if (!this.tasks.isEmpty()) {
				schedule();
			}
		}
	}

}
