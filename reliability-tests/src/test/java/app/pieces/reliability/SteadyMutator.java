package app.pieces.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import app.pieces.simulator.PiecesOsSimulator;

/**
 * Creates, renames and deletes assets and conversations in the simulator at a steady rate,
 * on its own thread, and remembers what it deleted. Every rename uses a new name, so a lost
 * update shows as a stale name.
 */
final class SteadyMutator implements AutoCloseable {

	private final PiecesOsSimulator simulator;

	private final Random random = new Random(7);

	private final List<String> liveAssets;

	private final List<String> liveConversations;

	private final Set<String> deletedAssets = ConcurrentHashMap.newKeySet();

	private final Set<String> deletedConversations = ConcurrentHashMap.newKeySet();

	private final AtomicInteger mutations = new AtomicInteger();

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "test-mutator");
		thread.setDaemon(true);
		return thread;
	});

	private ScheduledFuture<?> running;

	private int counter;

	SteadyMutator(PiecesOsSimulator simulator) {
		this.simulator = simulator;
		this.liveAssets = new ArrayList<>(simulator.state().assets());
		this.liveConversations = new ArrayList<>(simulator.state().conversations());
	}

	/**
	 * Start mutating, one change every {@code periodMillis}.
	 */
	void start(long periodMillis) {
		this.running = this.executor.scheduleAtFixedRate(this::mutateOnce, 0, periodMillis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stop mutating; returns once the change in progress (if any) is done.
	 */
	void stop() throws Exception {
		this.running.cancel(false);
		// a task submitted after the cancel runs after the last mutation, so it marks the end
		this.executor.submit(() -> {
		}).get(10, TimeUnit.SECONDS);
	}

	int mutations() {
		return this.mutations.get();
	}

	Set<String> deletedAssets() {
		return this.deletedAssets;
	}

	Set<String> deletedConversations() {
		return this.deletedConversations;
	}

	private void mutateOnce() {
		int op = this.random.nextInt(6);
		String name = "steady-" + (++this.counter);
		switch (op) {
			case 0 -> this.liveAssets.add(this.simulator.createAsset(name, "print('" + name + "')", "py"));
			case 1 -> this.simulator.updateAsset(pick(this.liveAssets), name);
			case 2 -> {
				if (this.liveAssets.size() > 10) {
					String id = this.liveAssets.remove(this.random.nextInt(this.liveAssets.size()));
					this.simulator.deleteAsset(id);
					this.deletedAssets.add(id);
				}
				else {
					this.liveAssets.add(this.simulator.createAsset(name, "echo " + name, "sh"));
				}
			}
			case 3 -> this.liveConversations.add(this.simulator.createConversation(name));
			case 4 -> this.simulator.updateConversation(pick(this.liveConversations), name);
			default -> {
				if (this.liveConversations.size() > 3) {
					String id = this.liveConversations.remove(this.random.nextInt(this.liveConversations.size()));
					this.simulator.deleteConversation(id);
					this.deletedConversations.add(id);
				}
				else {
					this.liveConversations.add(this.simulator.createConversation(name));
				}
			}
		}
		this.mutations.incrementAndGet();
	}

	private String pick(List<String> ids) {
		return ids.get(this.random.nextInt(ids.size()));
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
