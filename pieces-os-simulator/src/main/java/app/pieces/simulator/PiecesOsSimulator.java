package app.pieces.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process fake Pieces OS: the REST endpoints and websocket streams of the local Pieces OS service on
 * {@code 127.0.0.1}, with seeded demo data, a scripted copilot and an HTTP control plane under
 * {@code /__simulator}.
 * <pre class="code">
 * try (PiecesOsSimulator sim = PiecesOsSimulator.builder().assets(20).build().start()) {
 *     String baseUrl = sim.baseUrl(); // http://127.0.0.1:&lt;port&gt;
 *     String id = sim.createAsset("Hello", "System.out.println(\"hi\");", "java");
 *     sim.deleteAsset(id);
 * }
 * </pre>
 * The data survives {@link #restart(Duration) restarts}; {@link #close()} stops the server and every thread
 * the simulator started. All methods are thread-safe.
 */
public final class PiecesOsSimulator implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(PiecesOsSimulator.class.getName());

	/** Pause between attempts to listen again after a restart whose port is taken. */
	static final long COME_BACK_RETRY_MILLIS = 100;

	private final SimulatorHub hub;

	private final Object lifecycle = new Object();

	private final AtomicInteger restartGeneration = new AtomicInteger();

	/** The restart generation the server last came back from; differs from the current one while restarting. */
	private volatile int completedGeneration;

	private volatile @Nullable EmbeddedServer server;

	private @Nullable Path baseDir;

	private volatile int port;

	private volatile boolean started;

	private volatile boolean closed;

	/** How long a restart keeps trying to listen again when its port is taken. */
	private final Duration comeBackTimeout;

	/** Why a restart gave up coming back, with its generation; {@code null} while none did. */
	private volatile @Nullable RestartFailure restartFailure;

	/** Failed attempts to listen again in the current restart. */
	private final AtomicInteger comeBackAttempts = new AtomicInteger();

	private PiecesOsSimulator(Builder builder) {
		SimulatorStore store = new SimulatorStore(builder.assets, builder.conversations, builder.signedIn,
				builder.version, builder.explicitNulls);
		this.hub = new SimulatorHub(store, builder.explicitNulls, builder.initializedFrame, builder.restLatency,
				builder.chunkDelay, builder.healthInterval, builder.updatedInIdentifiers);
		this.port = builder.port;
		this.comeBackTimeout = builder.comeBackTimeout;
	}

	/**
	 * Start configuring a simulator.
	 * @return a new builder with the defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	// ---- lifecycle

	/**
	 * Start listening. Does nothing if already started.
	 * @return this simulator
	 * @throws IllegalStateException if the simulator was closed or the port cannot be bound
	 */
	public PiecesOsSimulator start() {
		synchronized (this.lifecycle) {
			if (this.closed) {
				throw new IllegalStateException("The simulator was closed");
			}
			if (this.started) {
				return this;
			}
			try {
				this.baseDir = Files.createTempDirectory("pieces-os-simulator");
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot create a scratch directory for Tomcat", ex);
			}
			startServer(this.port);
			this.hub.startTimers();
			this.started = true;
			return this;
		}
	}

	private void startServer(int requestedPort) {
		Path dir = Objects.requireNonNull(this.baseDir);
		try {
			EmbeddedServer running = EmbeddedServer.start(dir, requestedPort, this, this.hub);
			this.server = running;
			this.port = running.port();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the Pieces OS simulator on 127.0.0.1:" + requestedPort, ex);
		}
	}

	private void stopServer() {
		EmbeddedServer running = this.server;
		this.server = null;
		if (running != null) {
			running.stop();
		}
	}

	/**
	 * Restart asynchronously on the same port: close every socket and the listener at once, then listen again
	 * after the downtime. Returns immediately. The data survives. A later restart supersedes a pending one,
	 * so {@code restart(Duration.ofMinutes(5))} followed by {@code restart(Duration.ZERO)} keeps the simulator
	 * down for as long as the caller needs and then brings it back at once.
	 * @param downtime how long to stay away
	 */
	public void restart(Duration downtime) {
		restart(downtime, this.port);
	}

	/**
	 * Restart asynchronously, coming back on another port: close every socket and the listener at once, then
	 * listen on {@code newPort} after the downtime. Returns immediately. The data survives. A later restart
	 * supersedes a pending one.
	 * @param downtime how long to stay away
	 * @param newPort the port to come back on; 0 for a free port (read it with {@link #port()} once
	 * {@link #isRunning()})
	 */
	public void restart(Duration downtime, int newPort) {
		requireNonNegative(downtime, "downtime");
		if (newPort < 0 || newPort > 65535) {
			throw new IllegalArgumentException("Port out of range: " + newPort);
		}
		if (!this.started || this.closed) {
			throw new IllegalStateException("The simulator is not running");
		}
		// no lock here: the control plane calls this on a Tomcat thread that a stopping server may wait for
		int generation = this.restartGeneration.incrementAndGet();
		this.comeBackAttempts.set(0);
		try {
			this.hub.scheduler().execute(() -> {
				synchronized (this.lifecycle) {
					if (generation != this.restartGeneration.get() || this.closed) {
						return;
					}
					stopServer();
					if (newPort != 0) {
						this.port = newPort;
					}
				}
				scheduleComeBack(generation, newPort, downtime);
			});
		}
		catch (RejectedExecutionException ex) {
			throw new IllegalStateException("The simulator is closing", ex);
		}
	}

	private void scheduleComeBack(int generation, int newPort, Duration delay) {
		try {
			this.hub.scheduler()
				.schedule(() -> comeBack(generation, newPort, System.nanoTime() + this.comeBackTimeout.toNanos()),
						delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed meanwhile: nothing to come back to
		}
	}

	/**
	 * Listen again after a restart. A port that is taken (by another process, or by a socket
	 * still closing) is retried every 100 ms until the deadline;
	 * then the simulator gives up, says so at ERROR level and in {@link #restartFailure()}.
	 */
	private void comeBack(int generation, int newPort, long deadline) {
		synchronized (this.lifecycle) {
			if (generation != this.restartGeneration.get() || this.closed || this.server != null) {
				return;
			}
			try {
				startServer(newPort);
				this.completedGeneration = generation;
				if (this.comeBackAttempts.get() > 0) {
					logger.log(System.Logger.Level.INFO, "The simulator is back on " + baseUrl() + " after "
							+ this.comeBackAttempts.get() + " failed attempt(s) to listen");
				}
				return;
			}
			catch (IllegalStateException ex) {
				int attempts = this.comeBackAttempts.incrementAndGet();
				Throwable cause = ex;
				while (cause.getCause() != null && cause.getCause() != cause) {
					// the root cause says what is wrong: "java.net.BindException: Address already in use"
					cause = cause.getCause();
				}
				if (System.nanoTime() - deadline >= 0) {
					IllegalStateException failure = new IllegalStateException("The Pieces OS simulator could not "
							+ "come back on 127.0.0.1:" + newPort + " within " + this.comeBackTimeout + " ("
							+ attempts + " attempts, last: " + cause + "); it stays down until the next restart "
							+ "or close()", cause);
					this.restartFailure = new RestartFailure(generation, failure);
					logger.log(System.Logger.Level.ERROR, failure.getMessage());
					return;
				}
				if (attempts == 1) {
					logger.log(System.Logger.Level.WARNING, "The simulator cannot listen on 127.0.0.1:" + newPort
							+ " yet (" + cause + "); retrying for up to " + this.comeBackTimeout);
				}
			}
		}
		try {
			this.hub.scheduler()
				.schedule(() -> comeBack(generation, newPort, deadline), COME_BACK_RETRY_MILLIS,
						TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed meanwhile
		}
	}

	/**
	 * Why the last {@link #restart(Duration, int) restart} gave up coming back: its port stayed
	 * taken for longer than the come-back timeout ({@link Builder#comeBackTimeout(Duration)}). The
	 * simulator then stays down ({@link #isRunning()} is {@code false}) until the next restart,
	 * which clears this, or {@link #close()}.
	 * @return the failure, empty while no restart gave up
	 */
	public Optional<IllegalStateException> restartFailure() {
		RestartFailure failure = this.restartFailure;
		// a failure belongs to its restart: a later restart (or close) makes it history
		return (failure != null && failure.generation() == this.restartGeneration.get())
				? Optional.of(failure.exception()) : Optional.empty();
	}

	private record RestartFailure(int generation, IllegalStateException exception) {
	}

	/**
	 * Failed attempts to listen again in the current restart (for tests).
	 * @return the number of failed attempts
	 */
	int comeBackAttempts() {
		return this.comeBackAttempts.get();
	}

	/**
	 * Whether the simulator is serving requests: {@code false} before {@link #start()}, after {@link #close()},
	 * and from the moment {@link #restart(Duration, int) restart} is called until the server is back (for
	 * good when the restart gave up, see {@link #restartFailure()}).
	 * @return whether requests are being served
	 */
	public boolean isRunning() {
		return this.server != null && this.completedGeneration == this.restartGeneration.get();
	}

	/**
	 * Stop the server, close every socket and stop every thread the simulator started. Idempotent.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.restartGeneration.incrementAndGet();
		synchronized (this.lifecycle) {
			stopServer();
		}
		this.hub.shutdown();
		Path dir = this.baseDir;
		if (dir != null) {
			deleteRecursively(dir);
		}
	}

	private static void deleteRecursively(Path dir) {
		try {
			Files.walkFileTree(dir, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
					Files.deleteIfExists(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException exc)
						throws IOException {
					Files.deleteIfExists(directory);
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.DEBUG, "Could not delete " + dir + ": " + ex);
		}
	}

	// ---- addresses

	/**
	 * The port the simulator listens on (after a restart to a new port: the new one).
	 * @return the port; 0 only before {@link #start()} with a random port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The REST base URL.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * The websocket base URL.
	 * @return {@code ws://127.0.0.1:<port>}
	 */
	public String webSocketUrl() {
		return "ws://127.0.0.1:" + this.port;
	}

	// ---- state

	/**
	 * A snapshot of the simulator's state.
	 * @return ids, user, health and version
	 */
	public SimulatorState state() {
		SimulatorStore store = this.hub.store();
		synchronized (store) {
			ObjectNode user = store.userJson();
			return new SimulatorState(store.assetIds(), store.conversationIds(),
					(user != null) ? Json.toMap(user) : null, store.isHealthy(), store.version());
		}
	}

	/**
	 * The asset as {@code GET /asset/{id}} returns it (with transferables).
	 * @param id the asset id
	 * @return the JSON object as a map, empty if unknown or deleted
	 */
	public Optional<Map<String, Object>> asset(String id) {
		return lookup(() -> this.hub.store().assetJson(id, true)).map(Json::toMap);
	}

	/**
	 * The asset JSON as {@code GET /asset/{id}} returns it (with transferables).
	 * @param id the asset id
	 * @return the JSON text, empty if unknown or deleted
	 */
	public Optional<String> assetJson(String id) {
		return lookup(() -> this.hub.store().assetJson(id, true)).map(Json::write);
	}

	/**
	 * The conversation as {@code GET /conversation/{id}} returns it.
	 * @param id the conversation id
	 * @return the JSON object as a map, empty if unknown or deleted
	 */
	public Optional<Map<String, Object>> conversation(String id) {
		return lookup(() -> this.hub.store().conversationJson(id)).map(Json::toMap);
	}

	/**
	 * The conversation JSON as {@code GET /conversation/{id}} returns it.
	 * @param id the conversation id
	 * @return the JSON text, empty if unknown or deleted
	 */
	public Optional<String> conversationJson(String id) {
		return lookup(() -> this.hub.store().conversationJson(id)).map(Json::write);
	}

	/**
	 * The conversation message as {@code GET /message/{id}} returns it ({@code role}, text in
	 * {@code fragment.string.raw}).
	 * @param id the message id
	 * @return the JSON object as a map, empty if unknown or deleted
	 */
	public Optional<Map<String, Object>> message(String id) {
		return lookup(() -> this.hub.store().messageJson(id)).map(Json::toMap);
	}

	/**
	 * The texts of a conversation's messages in order, each prefixed with its role, e.g.
	 * {@code "USER: How do I ...?"}.
	 * @param conversationId the conversation id
	 * @return the messages, empty if the conversation is unknown or deleted
	 */
	public List<String> conversationMessages(String conversationId) {
		SimulatorStore store = this.hub.store();
		synchronized (store) {
			try {
				return store.conversation(conversationId).messageIds.stream()
					.map(store::message)
					.map((message) -> message.role() + ": " + message.text())
					.toList();
			}
			catch (MissingEntityException ex) {
				return List.of();
			}
		}
	}

	private static Optional<ObjectNode> lookup(Supplier<ObjectNode> supplier) {
		try {
			return Optional.of(supplier.get());
		}
		catch (MissingEntityException ex) {
			return Optional.empty();
		}
	}

	// ---- mutations

	/**
	 * Create an asset and announce it on the assets stream.
	 * @param name the asset name
	 * @param text the raw content
	 * @param language the language as a file extension ({@code java}, {@code py}, ...) or a common name
	 * ({@code python})
	 * @return the new asset id
	 */
	public String createAsset(String name, String text, String language) {
		return createAsset(name, text, language, false);
	}

	/**
	 * Create an asset.
	 * @param name the asset name
	 * @param text the raw content
	 * @param language the language as a file extension or a common name
	 * @param silent {@code true} to change the state without emitting a frame
	 * @return the new asset id
	 */
	public String createAsset(String name, String text, String language, boolean silent) {
		return this.hub.createAsset(name, text, language, silent).id;
	}

	/**
	 * Rename an asset and announce the update.
	 * @param id the asset id
	 * @param newName the new name
	 * @throws MissingEntityException if the asset does not exist or was deleted
	 */
	public void updateAsset(String id, String newName) {
		updateAsset(id, newName, false);
	}

	/**
	 * Rename an asset.
	 * @param id the asset id
	 * @param newName the new name
	 * @param silent {@code true} to change the state without emitting a frame
	 * @throws MissingEntityException if the asset does not exist or was deleted
	 */
	public void updateAsset(String id, String newName, boolean silent) {
		this.hub.updateAsset(id, newName, silent);
	}

	/**
	 * Delete an asset and announce it with {@code deleted: true}; its snapshot then answers 410.
	 * @param id the asset id
	 * @throws MissingEntityException if the asset does not exist or was deleted
	 */
	public void deleteAsset(String id) {
		deleteAsset(id, false);
	}

	/**
	 * Delete an asset.
	 * @param id the asset id
	 * @param silent {@code true} to change the state without emitting a frame
	 * @throws MissingEntityException if the asset does not exist or was deleted
	 */
	public void deleteAsset(String id, boolean silent) {
		this.hub.deleteAsset(id, silent);
	}

	/**
	 * Create an empty conversation and announce it.
	 * @param name the conversation name
	 * @return the new conversation id
	 */
	public String createConversation(String name) {
		return createConversation(name, false);
	}

	/**
	 * Create an empty conversation.
	 * @param name the conversation name
	 * @param silent {@code true} to change the state without emitting a frame
	 * @return the new conversation id
	 */
	public String createConversation(String name, boolean silent) {
		return this.hub.createConversation(name, null, null, silent).id;
	}

	/**
	 * Rename a conversation and announce the update.
	 * @param id the conversation id
	 * @param newName the new name
	 * @throws MissingEntityException if the conversation does not exist or was deleted
	 */
	public void updateConversation(String id, String newName) {
		updateConversation(id, newName, false);
	}

	/**
	 * Rename a conversation.
	 * @param id the conversation id
	 * @param newName the new name
	 * @param silent {@code true} to change the state without emitting a frame
	 * @throws MissingEntityException if the conversation does not exist or was deleted
	 */
	public void updateConversation(String id, String newName, boolean silent) {
		this.hub.updateConversation(id, newName, silent);
	}

	/**
	 * Delete a conversation (and its messages) and announce it with {@code deleted: true}.
	 * @param id the conversation id
	 * @throws MissingEntityException if the conversation does not exist or was deleted
	 */
	public void deleteConversation(String id) {
		deleteConversation(id, false);
	}

	/**
	 * Delete a conversation and its messages.
	 * @param id the conversation id
	 * @param silent {@code true} to change the state without emitting a frame
	 * @throws MissingEntityException if the conversation does not exist or was deleted
	 */
	public void deleteConversation(String id, boolean silent) {
		this.hub.deleteConversation(id, silent);
	}

	/**
	 * Create an anchor (a file, or a folder when the path has no dot) and announce it on the anchors stream.
	 * @param path the file or folder path, also the anchor's name
	 * @return the new anchor id
	 */
	public String createAnchor(String path) {
		return this.hub.createWorkstreamItem(StreamKind.ANCHORS, path, false);
	}

	/**
	 * Rename an anchor.
	 * @param id the anchor id
	 * @param name the new name
	 * @param silent {@code true} to change the state without emitting a frame
	 * @throws MissingEntityException if the anchor does not exist or was deleted
	 */
	public void renameAnchor(String id, String name, boolean silent) {
		this.hub.renameWorkstreamItem(StreamKind.ANCHORS, id, name, silent);
	}

	/**
	 * Delete an anchor and announce it with {@code deleted: true}; its snapshot then answers 410.
	 * @param id the anchor id
	 * @throws MissingEntityException if the anchor does not exist or was deleted
	 */
	public void deleteAnchor(String id) {
		this.hub.deleteWorkstreamItem(StreamKind.ANCHORS, id, false);
	}

	/**
	 * Create a range covering the last hour and announce it on the ranges stream.
	 * @return the new range id
	 */
	public String createRange() {
		return this.hub.createWorkstreamItem(StreamKind.RANGES, null, false);
	}

	/**
	 * Delete a range and announce it.
	 * @param id the range id
	 * @throws MissingEntityException if the range does not exist or was deleted
	 */
	public void deleteRange(String id) {
		this.hub.deleteWorkstreamItem(StreamKind.RANGES, id, false);
	}

	/**
	 * Create a workstream summary and announce it on the workstream summaries stream.
	 * @param name the summary's name
	 * @return the new summary id
	 */
	public String createWorkstreamSummary(String name) {
		return this.hub.createWorkstreamItem(StreamKind.WORKSTREAM_SUMMARIES, name, false);
	}

	/**
	 * Rename a workstream summary.
	 * @param id the summary id
	 * @param name the new name
	 * @param silent {@code true} to change the state without emitting a frame
	 * @throws MissingEntityException if the summary does not exist or was deleted
	 */
	public void renameWorkstreamSummary(String id, String name, boolean silent) {
		this.hub.renameWorkstreamItem(StreamKind.WORKSTREAM_SUMMARIES, id, name, silent);
	}

	/**
	 * Delete a workstream summary and announce it.
	 * @param id the summary id
	 * @throws MissingEntityException if the summary does not exist or was deleted
	 */
	public void deleteWorkstreamSummary(String id) {
		this.hub.deleteWorkstreamItem(StreamKind.WORKSTREAM_SUMMARIES, id, false);
	}

	/**
	 * Return the ids of the live items of a workstream stream, newest first.
	 * @param stream {@code anchors}, {@code ranges} or {@code workstream_summaries}
	 * @return the ids
	 */
	public List<String> workstreamIds(String stream) {
		return this.hub.store().workstreamIds(StreamKind.forCollection(stream));
	}

	/**
	 * Sign the demo user in; the user stream sends the {@code UserProfile}.
	 */
	public void login() {
		this.hub.setSignedIn(true, false);
	}

	/**
	 * Sign out; the user stream sends an empty text frame and {@code GET /user} has no {@code user}.
	 */
	public void logout() {
		this.hub.setSignedIn(false, false);
	}

	/**
	 * Sign out, announced on the user stream or (with {@code silent}) only visible to {@code GET /user}: the way a
	 * client experiences a sign-out whose frame it could not read.
	 * @param silent whether to send nothing on the user stream
	 */
	public void logout(boolean silent) {
		this.hub.setSignedIn(false, silent);
	}

	/**
	 * Switch health: unhealthy means {@code /.well-known/health} answers 503 and the health stream sends
	 * {@code UNHEALTHY}; healthy again means {@code ok} and {@code OK}.
	 * @param healthy the new health
	 */
	public void setHealthy(boolean healthy) {
		this.hub.setHealthy(healthy);
	}

	/**
	 * Change what {@code /.well-known/version} answers.
	 * @param version e.g. {@code 12.3.2} or {@code debug}
	 */
	public void setVersion(String version) {
		this.hub.store().setVersion(version);
	}

	/**
	 * Change the delay added to every REST snapshot call.
	 * @param latency the delay, zero for none
	 */
	public void setRestLatency(Duration latency) {
		this.hub.setRestLatency(latency);
	}

	/**
	 * Refuse the collection snapshots ({@code GET /assets}, {@code GET /conversations}) with 404, as an older
	 * Pieces OS or a proxy might, so that clients fall back to fetching item by item.
	 * @param refused whether to refuse them
	 */
	public void setBulkRefused(boolean refused) {
		this.hub.setBulkRefused(refused);
	}

	/**
	 * Make collection snapshots cost time per item written (approximately; the thread parks between items),
	 * to model a server slower than loopback.
	 * @param delay the delay per item, zero for none
	 */
	public void setBulkItemDelay(Duration delay) {
		this.hub.setBulkItemDelay(delay);
	}

	/**
	 * Drop the connection of the next collection snapshot after the given number of items, once.
	 * @param items how many items to send first
	 */
	public void cutNextBulkAfter(int items) {
		this.hub.cutNextBulkAfter(items);
	}

	/**
	 * Switch {@code updated} in the full id lists of the identifier streams on or off (default off, or as
	 * {@link Builder#updatedInIdentifiers(boolean) built}). On, every item of the first frame after a connect
	 * carries the object's {@code updated} timestamp (the same value as its REST snapshot), so a client can skip
	 * re-fetching objects it already holds in that version; off, the full list carries ids only. Deltas carry
	 * {@code updated} either way. Applies to connections opened after the call.
	 * @param updatedInIdentifiers whether full lists carry {@code updated}
	 */
	public void setUpdatedInIdentifiers(boolean updatedInIdentifiers) {
		this.hub.setUpdatedInIdentifiers(updatedInIdentifiers);
	}

	/**
	 * Send a text frame as-is to every open session of a stream, e.g. to test bad input.
	 * @param stream {@code health}, {@code user}, {@code assets}, {@code conversations}, {@code qgpt},
	 * {@code anchors}, {@code ranges}, {@code workstream_summaries} or {@code vision}
	 * @param text the frame
	 * @return how many sessions it was sent to
	 */
	public int sendRawFrame(String stream, String text) {
		return this.hub.broadcast(streamKind(stream), text);
	}

	/**
	 * Send a text frame as-is instead of the usual first frame (e.g. the full id list) on the next connection of
	 * a stream, once; later connections get the usual first frame again. For testing how a client copes with a
	 * bad first frame.
	 * @param stream a stream name as for {@link #sendRawFrame(String, String)}
	 * @param text the frame
	 */
	public void replaceNextFirstFrame(String stream, String text) {
		Objects.requireNonNull(text, "text");
		this.hub.replaceNextFirstFrame(streamKind(stream), text);
	}

	// ---- inspection

	/**
	 * The MCP server ({@value SimulatorMcp#STREAMABLE_PATH} and {@value SimulatorMcp#SSE_PATH}) and its scripting.
	 * @return the MCP server
	 */
	public SimulatorMcp mcp() {
		return this.hub.mcp();
	}

	/**
	 * The scripted copilot behind {@code /qgpt/stream}.
	 * @return the copilot
	 */
	public SimulatorCopilot copilot() {
		return this.hub.copilot();
	}

	/**
	 * How many websocket sessions of a stream are open.
	 * @param stream a stream name as for {@link #sendRawFrame(String, String)}
	 * @return the number of open sessions
	 */
	public int openSessions(String stream) {
		return this.hub.openSessions(streamKind(stream));
	}

	/**
	 * How many HTTP requests hit paths starting with a prefix since the simulator was built (websocket upgrades
	 * are not counted).
	 * @param pathPrefix e.g. {@code /asset/}
	 * @return the request count
	 */
	public long restRequests(String pathPrefix) {
		return this.hub.restRequests(pathPrefix);
	}

	private static StreamKind streamKind(String stream) {
		StreamKind kind = StreamKind.of(stream);
		if (kind == null) {
			throw new IllegalArgumentException("Unknown stream: " + stream);
		}
		return kind;
	}

	private static Duration requireNonNegative(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative: " + duration);
		}
		return duration;
	}

	@Override
	public String toString() {
		return "PiecesOsSimulator[" + baseUrl() + (isRunning() ? "" : ", not running")
				+ (restartFailure().isPresent() ? ", restart failed" : "") + "]";
	}

	/**
	 * Configures a {@link PiecesOsSimulator}.
	 */
	public static final class Builder {

		private int port;

		private int assets = 5;

		private int conversations = 2;

		private boolean signedIn = true;

		private String version = "12.3.2";

		private boolean explicitNulls;

		private boolean initializedFrame;

		private Duration restLatency = Duration.ZERO;

		private Duration chunkDelay = Duration.ofMillis(5);

		private Duration healthInterval = Duration.ofSeconds(5);

		private boolean updatedInIdentifiers;

		private Duration comeBackTimeout = Duration.ofSeconds(10);

		private Builder() {
		}

		/**
		 * The port to listen on.
		 * @param port the port, 0 (the default) for a random free port
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("Port out of range: " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * How many demo assets to seed (default 5). The first three use the fixture ids.
		 * @param assets the number of assets; 50,000 is fine
		 * @return this builder
		 */
		public Builder assets(int assets) {
			if (assets < 0) {
				throw new IllegalArgumentException("assets must not be negative");
			}
			this.assets = assets;
			return this;
		}

		/**
		 * How many demo conversations to seed (default 2), each with a user and an assistant message.
		 * @param conversations the number of conversations
		 * @return this builder
		 */
		public Builder conversations(int conversations) {
			if (conversations < 0) {
				throw new IllegalArgumentException("conversations must not be negative");
			}
			this.conversations = conversations;
			return this;
		}

		/**
		 * Whether the demo user starts signed in (default {@code true}).
		 * @param signedIn the initial sign-in state
		 * @return this builder
		 */
		public Builder signedIn(boolean signedIn) {
			this.signedIn = signedIn;
			return this;
		}

		/**
		 * What {@code /.well-known/version} answers (default {@code 12.3.2}; {@code debug} is allowed).
		 * @param version the version
		 * @return this builder
		 */
		public Builder version(String version) {
			this.version = Objects.requireNonNull(version, "version");
			return this;
		}

		/**
		 * Write explicit {@code null}s for unset optional fields in frames and snapshots, the way the real
		 * (Dart) server does (default {@code false}).
		 * @param explicitNulls whether to write explicit nulls
		 * @return this builder
		 */
		public Builder explicitNulls(boolean explicitNulls) {
			this.explicitNulls = explicitNulls;
			return this;
		}

		/**
		 * Emit an {@code INITIALIZED} frame before the first chunk of every answer (default {@code false}).
		 * @param initializedFrame whether to emit it
		 * @return this builder
		 */
		public Builder initializedFrame(boolean initializedFrame) {
			this.initializedFrame = initializedFrame;
			return this;
		}

		/**
		 * Delay added to every REST snapshot call (default zero).
		 * @param restLatency the delay
		 * @return this builder
		 */
		public Builder restLatency(Duration restLatency) {
			this.restLatency = requireNonNegative(restLatency, "restLatency");
			return this;
		}

		/**
		 * Pause before each copilot frame, so that concurrent answers interleave (default 5 ms).
		 * @param chunkDelay the pause
		 * @return this builder
		 */
		public Builder chunkDelay(Duration chunkDelay) {
			this.chunkDelay = requireNonNegative(chunkDelay, "chunkDelay");
			return this;
		}

		/**
		 * Interval of the periodic frames on the health stream (default 5 s; zero switches them off, the
		 * frame on connect stays).
		 * @param healthInterval the interval
		 * @return this builder
		 */
		public Builder healthInterval(Duration healthInterval) {
			this.healthInterval = requireNonNegative(healthInterval, "healthInterval");
			return this;
		}

		/**
		 * Whether the full id list (the first frame after every connect) of the asset and conversation
		 * identifier streams carries each object's {@code updated} timestamp (default {@code false}: ids only,
		 * as PROTOCOL.md §4.3 describes). Deltas carry {@code updated} either way. Can be changed at runtime with
		 * {@link PiecesOsSimulator#setUpdatedInIdentifiers(boolean)}.
		 * @param updatedInIdentifiers whether full lists carry {@code updated}
		 * @return this builder
		 */
		public Builder updatedInIdentifiers(boolean updatedInIdentifiers) {
			this.updatedInIdentifiers = updatedInIdentifiers;
			return this;
		}

		/**
		 * How long a restart keeps trying to listen again when its port is taken (default 10 s), retrying
		 * every 100 ms; after that the restart gives up and
		 * {@link PiecesOsSimulator#restartFailure()} says why.
		 * @param comeBackTimeout the time to keep trying
		 * @return this builder
		 */
		public Builder comeBackTimeout(Duration comeBackTimeout) {
			this.comeBackTimeout = requireNonNegative(comeBackTimeout, "comeBackTimeout");
			return this;
		}

		/**
		 * Build the simulator (not started; call {@link PiecesOsSimulator#start()}).
		 * @return a new simulator
		 */
		public PiecesOsSimulator build() {
			return new PiecesOsSimulator(this);
		}

		/**
		 * Build and start the simulator.
		 * @return a running simulator
		 */
		public PiecesOsSimulator start() {
			return build().start();
		}

	}

}
