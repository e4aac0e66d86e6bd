package app.pieces.client;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.pieces.model.Asset;
import app.pieces.model.Context;
import app.pieces.model.Conversation;
import app.pieces.model.Models;
import app.pieces.model.PiecesJson;
import app.pieces.model.PlatformEnum;
import app.pieces.model.QGPTQuestionInput;
import app.pieces.model.QGPTQuestionOutput;
import app.pieces.model.QGPTRelevanceInput;
import app.pieces.model.QGPTRelevanceOutput;
import app.pieces.model.ReturnedUserProfile;
import app.pieces.model.SeededConnectorConnection;
import app.pieces.model.SeededConversation;
import app.pieces.model.SeededTrackedApplication;
import app.pieces.model.UserProfile;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Client for the REST side of Pieces OS: port discovery, version check, registration ({@code POST /connect})
 * and the snapshot calls the websockets and caches need.
 * <p>
 * Build one with {@link #builder()}. Construction does no I/O, so it never fails because Pieces OS is down;
 * the first call that needs Pieces OS discovers it (unless a base URL was given) and later calls re-discover it
 * when it has moved to another port. REST runs on Spring's {@link RestClient} over the JDK {@link HttpClient},
 * with the configured timeouts; failures surface as subclasses of {@link PiecesException}.
 * <p>
 * Instances are thread-safe. {@link #close()} releases the HTTP client and the threads this client owns.
 */
public final class PiecesClient implements AutoCloseable {

	/**
	 * The first port of the range Pieces OS listens on (since 10.1.15).
	 */
	public static final int DEFAULT_FIRST_PORT = 39300;

	/**
	 * The last port of the range Pieces OS listens on.
	 */
	public static final int DEFAULT_LAST_PORT = 39333;

	/**
	 * Ports used by Pieces OS up to 10.1.15: 1000 on macOS and Windows, 5323 on Linux.
	 */
	public static final List<Integer> LEGACY_PORTS = List.of(1000, 5323);

	/**
	 * The default application name sent to {@code POST /connect}.
	 */
	public static final String DEFAULT_APPLICATION_NAME = "OPEN_SOURCE";

	/**
	 * The default application version sent to {@code POST /connect}.
	 */
	public static final String DEFAULT_APPLICATION_VERSION = "0.1.0";

	/**
	 * Default lowest supported Pieces OS version (inclusive).
	 */
	public static final String DEFAULT_MIN_VERSION = "12.0.0";

	/**
	 * Default first unsupported Pieces OS version (exclusive).
	 */
	public static final String DEFAULT_MAX_VERSION = "13.0.0";

	/**
	 * Name of the header carrying the connected application's id, as the official clients send it.
	 */
	public static final String APPLICATION_HEADER = "application";

	private static final String HEALTH_PATH = "/.well-known/health";

	private static final String VERSION_PATH = "/.well-known/version";

	private static final Log logger = LogFactory.getLog(PiecesClient.class);

	private static final Pattern EMAIL = Pattern.compile("[\\w.%+-]+@[\\w-]+(\\.[\\w-]+)+");

	private static final AtomicInteger instances = new AtomicInteger();

	private final @Nullable URI fixedBaseUri;

	private final int firstPort;

	private final int lastPort;

	private final List<Path> portFiles;

	private final boolean legacyPorts;

	private final Duration probeTimeout;

	private final String applicationName;

	private final String applicationVersion;

	private final boolean versionCheck;

	private final PiecesVersion minVersion;

	private final PiecesVersion maxVersion;

	private final JsonMapper jsonMapper;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final Consumer<RestClient.Builder> restClientCustomizer;

	private final Object httpMonitor = new Object();

	private volatile @Nullable Http http;

	private final AtomicReference<@Nullable URI> discoveredBaseUri = new AtomicReference<>();

	private final AtomicReference<@Nullable String> applicationId = new AtomicReference<>();

	/** REST calls and health probes running now; the HTTP resources of a closed client are released when it drops to zero. */
	private final AtomicInteger callsInFlight = new AtomicInteger();

	/** HTTP resources of a closed client, waiting for the calls in flight to end. */
	private final AtomicReference<@Nullable Http> pendingRelease = new AtomicReference<>();

	private final Object discoveryMonitor = new Object();

	private @Nullable CompletableFuture<URI> discoveryInProgress;

	private volatile boolean closed;

	private PiecesClient(Builder builder) {
		this.fixedBaseUri = builder.baseUrl;
		this.firstPort = builder.firstPort;
		this.lastPort = builder.lastPort;
		this.portFiles = List.copyOf(builder.portFiles);
		this.legacyPorts = builder.legacyPorts;
		this.probeTimeout = builder.probeTimeout;
		this.applicationName = builder.applicationName;
		this.applicationVersion = builder.applicationVersion;
		this.versionCheck = builder.versionCheck;
		this.minVersion = builder.minVersion;
		this.maxVersion = builder.maxVersion;
		this.jsonMapper = builder.jsonMapper;
		this.connectTimeout = builder.connectTimeout;
		this.readTimeout = builder.readTimeout;
		this.restClientCustomizer = builder.restClientCustomizer;
	}

	/**
	 * Create a builder with the defaults: discovery through the port files, ports 39300..39333 and the legacy
	 * ports; 2 s connect and 30 s read timeout; application {@code OPEN_SOURCE}; versions [12.0.0, 13.0.0).
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the current base URL of Pieces OS ({@code http://127.0.0.1:<port>}, no trailing slash): the fixed
	 * base URL if one was configured, otherwise the last discovered one; empty until discovered and after a
	 * discovery that found nothing.
	 * @return the base URL
	 */
	public Optional<URI> baseUri() {
		return Optional.ofNullable((this.fixedBaseUri != null) ? this.fixedBaseUri : this.discoveredBaseUri.get());
	}

	/**
	 * (Re)discover Pieces OS and return its base URL. With a fixed base URL this returns it without I/O.
	 * Otherwise it checks the current base first (so it is quick when Pieces OS has not moved; kept while it
	 * answers 2xx or 5xx), then the port files, then probes ports 39300..39333 in parallel with
	 * {@code HEAD /.well-known/health} (the lowest healthy port wins), then the legacy ports. When no port
	 * answers 2xx, the first one that answered 5xx (Pieces OS up but not OK) is used. Concurrent callers share
	 * one run.
	 * @return the base URL
	 * @throws PiecesUnavailableException if nothing answers
	 */
	public URI discover() {
		assertOpen();
		if (this.fixedBaseUri != null) {
			return this.fixedBaseUri;
		}
		CompletableFuture<URI> run;
		boolean owner = false;
		synchronized (this.discoveryMonitor) {
			run = this.discoveryInProgress;
			if (run == null) {
				run = new CompletableFuture<>();
				this.discoveryInProgress = run;
				owner = true;
			}
		}
		if (owner) {
			try {
				run.complete(runDiscovery());
			}
			catch (RuntimeException | Error ex) {
				run.completeExceptionally(ex);
			}
			finally {
				synchronized (this.discoveryMonitor) {
					this.discoveryInProgress = null;
				}
			}
		}
		return awaitDiscovery(run);
	}

	/**
	 * Return the websocket URL for a path: {@code ws://127.0.0.1:<port><path>} from the current base
	 * ({@code wss} for an {@code https} base), discovering Pieces OS first if no base is known.
	 * @param path the path, e.g. {@code /qgpt/stream}
	 * @return the websocket URL
	 * @throws PiecesUnavailableException if no base is known and nothing is discovered
	 */
	public URI websocketUri(String path) {
		URI base = currentOrDiscover();
		String http = base.toString();
		String ws = http.startsWith("https:") ? "wss:" + http.substring("https:".length())
				: "ws:" + http.substring(http.indexOf(':') + 1);
		return URI.create(ws + (path.startsWith("/") ? path : "/" + path));
	}

	/**
	 * Return whether Pieces OS answers its health check with 2xx. Never throws: discovery failures, timeouts,
	 * a non-2xx answer (e.g. 503 while Pieces OS is unhealthy; the base stays known) and a closed client all
	 * give {@code false}.
	 * @return {@code true} if healthy
	 */
	public boolean isHealthy() {
		try {
			return !this.closed && isHealthy(currentOrDiscover(), healthCheckTimeout());
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Return the Pieces OS version ({@code GET /.well-known/version}), e.g. {@code 12.3.2}, {@code 12.3.2-staging}
	 * or {@code debug}.
	 * @return the version text, trimmed
	 */
	public String version() {
		String text = execute(true, (base) -> http().restClient().get()
			.uri(base + VERSION_PATH)
			.accept(MediaType.TEXT_PLAIN, MediaType.ALL)
			.retrieve()
			.body(String.class), "GET " + VERSION_PATH);
		return (text != null) ? text.trim() : "";
	}

	/**
	 * Read the Pieces OS version and check it against the supported range ({@code debug} is always accepted).
	 * @return the version
	 * @throws PiecesIncompatibleVersionException if the version is outside the range or unreadable; the message
	 * says whether Pieces OS or this client has to be updated
	 */
	public PiecesVersion checkVersion() {
		String text = version();
		PiecesVersion version;
		try {
			version = PiecesVersion.parse(text);
		}
		catch (IllegalArgumentException ex) {
			String shown = (text.length() > 40) ? text.substring(0, 40) + "..." : text;
			throw new PiecesIncompatibleVersionException("Pieces OS reported version '" + shown
					+ "', which this client cannot read; supported versions are " + supportedRange(),
					text, PiecesIncompatibleVersionException.Update.UNKNOWN);
		}
		if (version.isWithin(this.minVersion, this.maxVersion)) {
			return version;
		}
		if (version.compareTo(this.minVersion) < 0) {
			throw new PiecesIncompatibleVersionException("Pieces OS " + version + " is too old for this client ("
					+ "supported: " + supportedRange() + "): update Pieces OS", text,
					PiecesIncompatibleVersionException.Update.PIECES_OS);
		}
		throw new PiecesIncompatibleVersionException("Pieces OS " + version + " is newer than this client supports ("
				+ "supported: " + supportedRange() + "): update the Pieces client (app.pieces:pieces-client)", text,
				PiecesIncompatibleVersionException.Update.CLIENT);
	}

	/**
	 * Register this application with Pieces OS ({@code POST /connect}), after checking the version if the
	 * version check is on. The returned application id is remembered and sent as header {@code application} on
	 * later REST calls.
	 * @return the connection context (application, Pieces OS identity, user if signed in)
	 * @throws PiecesIncompatibleVersionException if the version check fails
	 */
	public Context connect() {
		if (this.versionCheck) {
			checkVersion();
		}
		SeededConnectorConnection connection = new SeededConnectorConnection(
				SeededTrackedApplication.of(this.applicationName, currentPlatform(), this.applicationVersion));
		Context context = post("/connect", connection, Context.class);
		this.applicationId.set(context.application().id());
		if (logger.isDebugEnabled()) {
			logger.debug("Connected to Pieces OS as application " + context.application().id());
		}
		return context;
	}

	/**
	 * Return the id of the application registered by the last successful {@link #connect()}.
	 * @return the application id, empty before connecting
	 */
	public Optional<String> applicationId() {
		return Optional.ofNullable(this.applicationId.get());
	}

	/**
	 * Return the signed-in user ({@code GET /user}).
	 * @return the user, empty when nobody is signed in
	 */
	public Optional<UserProfile> user() {
		ReturnedUserProfile returned = get("/user", ReturnedUserProfile.class);
		return Optional.ofNullable((returned != null) ? returned.user() : null);
	}

	/**
	 * Fetch an asset with its content ({@code GET /asset/{id}}).
	 * @param id the asset id
	 * @return the asset, with its raw JSON
	 * @throws PiecesGoneException if the asset was deleted (410)
	 * @throws PiecesNotFoundException if the asset does not exist (404)
	 */
	public Asset asset(String id) {
		return required(get("/asset/{id}", Asset.class, id), "GET /asset/" + id);
	}

	/**
	 * Fetch an asset ({@code GET /asset/{id}?transferables=...}). Without transferables Pieces OS leaves out the
	 * content, which is cheaper for caches.
	 * @param id the asset id
	 * @param transferables whether to include the content
	 * @return the asset, with its raw JSON
	 * @throws PiecesGoneException if the asset was deleted (410)
	 * @throws PiecesNotFoundException if the asset does not exist (404)
	 */
	public Asset asset(String id, boolean transferables) {
		return required(get("/asset/{id}?transferables={transferables}", Asset.class, id, transferables),
				"GET /asset/" + id);
	}

	/**
	 * Fetch a conversation ({@code GET /conversation/{id}}).
	 * @param id the conversation id
	 * @return the conversation, with its raw JSON
	 * @throws PiecesGoneException if the conversation was deleted (410)
	 * @throws PiecesNotFoundException if the conversation does not exist (404)
	 */
	public Conversation conversation(String id) {
		return required(get("/conversation/{id}", Conversation.class, id), "GET /conversation/" + id);
	}

	/**
	 * Create a copilot conversation ({@code POST /conversations/create}).
	 * @param name the conversation name
	 * @return the new conversation
	 */
	public Conversation createConversation(String name) {
		return post("/conversations/create", SeededConversation.copilot(name), Conversation.class);
	}

	/**
	 * List the models Pieces OS offers ({@code GET /models}).
	 * @return the models
	 */
	public Models models() {
		Models models = get("/models", Models.class);
		return (models != null) ? models : new Models(List.of(), null);
	}

	/**
	 * Ask the copilot a question and wait for the whole answer ({@code POST /qgpt/question}), without a
	 * conversation and without streaming. The caller supplies the context in {@code relevant}, e.g. the
	 * {@link QGPTRelevanceOutput#relevant() relevant} seeds of {@link #relevance(QGPTRelevanceInput)} or
	 * {@link app.pieces.model.RelevantQGPTSeeds#none() none}. Like the snapshot calls it re-discovers Pieces OS
	 * once when it is no longer where it was (the call changes nothing on the server, so it is safe to repeat).
	 * The read timeout of the client bounds the wait: a large model may need a larger one.
	 * <pre class="code">
	 * QGPTQuestionOutput output = client.question(QGPTQuestionInput.of("How do I add jitter?", RelevantQGPTSeeds.none()));
	 * String text = output.text();
	 * </pre>
	 * @param input the question; {@code query} must not be empty and {@code relevant} must be set
	 * @return the answers (typically one, with {@code text} and {@code score})
	 * @throws IllegalArgumentException if {@code query} is empty or {@code relevant} is missing (nothing is sent)
	 * @throws PiecesApiException if Pieces OS rejects the question, e.g. status 400 for an unknown model (the
	 * message carries Pieces OS's reason), 401 or 429 when the account may not ask
	 * @throws PiecesNotFoundException or {@link PiecesGoneException} if a relevant seed names an unknown or deleted
	 * asset
	 * @throws PiecesUnavailableException if Pieces OS cannot be reached
	 */
	public QGPTQuestionOutput question(QGPTQuestionInput input) {
		Objects.requireNonNull(input, "input");
		requireQuery(input.query(), "QGPTQuestionInput");
		if (input.relevant() == null) {
			throw new IllegalArgumentException(
					"QGPTQuestionInput.relevant is required by Pieces OS; use RelevantQGPTSeeds.none() for no context");
		}
		return post("/qgpt/question", input, QGPTQuestionOutput.class, true);
	}

	/**
	 * Find the context relevant to a question ({@code POST /qgpt/relevance}): Pieces OS compares the query with
	 * the given assets, seeds and paths, or with the whole database when {@code options.database} is set. With
	 * {@code options.question} the same call also answers the question ({@link QGPTRelevanceOutput#answer()}).
	 * Feed the result into {@link #question(QGPTQuestionInput)} to ask about it. Re-discovers Pieces OS once like
	 * {@link #question(QGPTQuestionInput)}.
	 * <pre class="code">
	 * QGPTRelevanceOutput found = client.relevance(QGPTRelevanceInput.of("Where do we retry?").withAssets(ids));
	 * QGPTQuestionOutput answer = client.question(QGPTQuestionInput.of("Where do we retry?", found.relevant()));
	 * </pre>
	 * @param input the relevance request; {@code query} must not be empty
	 * @return the relevant seeds and, if asked for, the answer
	 * @throws IllegalArgumentException if {@code query} is empty (nothing is sent)
	 * @throws PiecesApiException if Pieces OS rejects the request (e.g. 400 for an unknown model, with its reason)
	 * @throws PiecesNotFoundException or {@link PiecesGoneException} if an asset of {@code assets} is unknown or
	 * deleted
	 * @throws PiecesUnavailableException if Pieces OS cannot be reached
	 */
	public QGPTRelevanceOutput relevance(QGPTRelevanceInput input) {
		Objects.requireNonNull(input, "input");
		requireQuery(input.query(), "QGPTRelevanceInput");
		return post("/qgpt/relevance", input, QGPTRelevanceOutput.class, true);
	}

	private static void requireQuery(@Nullable String query, String type) {
		if (query == null || query.isBlank()) {
			throw new IllegalArgumentException(type + ".query must not be empty");
		}
	}

	/**
	 * Attach an asset to a conversation
	 * ({@code POST /conversation/{conversation}/assets/associate/{asset}}).
	 * @param conversationId the conversation id
	 * @param assetId the asset id
	 */
	public void associateConversationAsset(String conversationId, String assetId) {
		postWithoutBody("/conversation/{conversation}/assets/associate/{asset}", conversationId, assetId);
	}

	/**
	 * Detach an asset from a conversation
	 * ({@code POST /conversation/{conversation}/assets/disassociate/{asset}}).
	 * @param conversationId the conversation id
	 * @param assetId the asset id
	 */
	public void disassociateConversationAsset(String conversationId, String assetId) {
		postWithoutBody("/conversation/{conversation}/assets/disassociate/{asset}", conversationId, assetId);
	}

	/**
	 * Return the mapper this client decodes and encodes JSON with (also used by the websockets).
	 * @return the mapper
	 */
	public JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	/**
	 * Return whether {@link #close()} was called.
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Release the HTTP client and the threads this client owns. Idempotent. Later calls that need Pieces OS
	 * throw {@link IllegalStateException}.
	 */
	@Override
	public void close() {
		Http released;
		synchronized (this.httpMonitor) {
			this.closed = true;
			released = this.http;
			this.http = null;
		}
		if (released != null) {
			this.pendingRelease.set(released);
			releaseIfIdle();
		}
	}

	@Override
	public String toString() {
		return "PiecesClient[base=" + baseUri().map(URI::toString).orElse("<not discovered>") + ", application="
				+ this.applicationName + ", closed=" + this.closed + "]";
	}

	// HTTP plumbing, created on first use so that an unused client owns no thread

	private Http http() {
		Http current = this.http;
		if (current != null) {
			return current;
		}
		synchronized (this.httpMonitor) {
			assertOpen();
			current = this.http;
			if (current == null) {
				current = createHttp();
				this.http = current;
			}
			return current;
		}
	}

	private Http createHttp() {
		ExecutorService executor = createExecutor();
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(this.connectTimeout)
			.executor(executor)
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient, executor);
		requestFactory.setReadTimeout(this.readTimeout);
		RestClient.Builder restClientBuilder = RestClient.builder()
			.requestFactory(requestFactory)
			.requestInterceptor((request, body, execution) -> {
				String id = this.applicationId.get();
				if (id != null && !request.getHeaders().containsHeader(APPLICATION_HEADER)) {
					request.getHeaders().set(APPLICATION_HEADER, id);
				}
				return execution.execute(request, body);
			});
		this.restClientCustomizer.accept(restClientBuilder);
		return new Http(executor, httpClient, restClientBuilder.build());
	}

	/**
	 * The HTTP resources a client owns.
	 */
	private record Http(ExecutorService executor, HttpClient httpClient, RestClient restClient) {
	}

	// discovery

	private URI currentOrDiscover() {
		assertOpen();
		Optional<URI> current = baseUri();
		return current.isPresent() ? current.get() : discover();
	}

	private URI awaitDiscovery(CompletableFuture<URI> run) {
		try {
			return run.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PiecesUnavailableException("Interrupted while discovering Pieces OS", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new PiecesUnavailableException("Pieces OS discovery failed", cause);
		}
	}

	private URI runDiscovery() {
		URI previous = this.discoveredBaseUri.get();
		// a generous timeout for the known base: a false "gone" would force a rescan. A known
		// base that answers but not OK (e.g. 503 while Pieces OS is unhealthy) is still Pieces OS:
		// keep it, so that sockets reconnect and health can say "answered not OK"
		if (previous != null && awaitAnswer(probe(previous, healthCheckTimeout()), healthCheckTimeout()).present()) {
			return previous;
		}
		URI found = findPiecesOs();
		if (found == null) {
			this.discoveredBaseUri.set(null);
			if (previous != null) {
				logger.info("Pieces OS is no longer reachable at " + previous + " and was not found elsewhere");
			}
			throw new PiecesUnavailableException("Pieces OS not found: " + describeSearch());
		}
		this.discoveredBaseUri.set(found);
		if (!found.equals(previous)) {
			logger.info("Pieces OS found at " + found + ((previous != null) ? " (was " + previous + ")" : ""));
		}
		return found;
	}

	/**
	 * Search the port files, the port range and the legacy ports: the first healthy (2xx) answer
	 * wins; failing that, the first Pieces OS that answered but not OK (5xx).
	 */
	private @Nullable URI findPiecesOs() {
		URI notOk = null;
		for (Path portFile : this.portFiles) {
			Integer port = readPortFile(portFile);
			if (port != null) {
				URI candidate = localBase(port);
				Answer answer = awaitAnswer(probe(candidate, this.probeTimeout), this.probeTimeout);
				if (answer == Answer.HEALTHY) {
					return candidate;
				}
				if (answer == Answer.NOT_OK && notOk == null) {
					notOk = candidate;
				}
				if (logger.isDebugEnabled()) {
					logger.debug("Port file " + portFile + " names port " + port + ", which "
							+ ((answer == Answer.NOT_OK) ? "answers but not OK" : "does not answer"));
				}
			}
		}
		List<Integer> range = new ArrayList<>();
		for (int port = this.firstPort; port <= this.lastPort; port++) {
			range.add(port);
		}
		Found found = probeLowest(range);
		if (found.healthy() == null && this.legacyPorts) {
			Found legacy = probeLowest(LEGACY_PORTS);
			found = new Found(legacy.healthy(), (found.notOk() != null) ? found.notOk() : legacy.notOk());
		}
		if (found.healthy() != null) {
			return found.healthy();
		}
		if (notOk == null) {
			notOk = found.notOk();
		}
		if (notOk != null) {
			logger.info("Pieces OS found at " + notOk + " answers its health check, but not OK");
		}
		return notOk;
	}

	private String describeSearch() {
		StringBuilder description = new StringBuilder();
		description.append("port files ").append(this.portFiles);
		description.append(", ports ").append(this.firstPort).append("..").append(this.lastPort);
		if (this.legacyPorts) {
			description.append(", legacy ports ").append(LEGACY_PORTS);
		}
		return description.toString();
	}

	private static @Nullable Integer readPortFile(Path portFile) {
		try {
			if (!Files.isRegularFile(portFile)) {
				return null;
			}
			String content = Files.readString(portFile, StandardCharsets.UTF_8).trim();
			int port = Integer.parseInt(content);
			if (port < 1 || port > 65535) {
				logger.warn("Ignoring port file " + portFile + ": " + port + " is not a port number");
				return null;
			}
			return port;
		}
		catch (NumberFormatException ex) {
			logger.warn("Ignoring port file " + portFile + ": it does not contain a port number");
			return null;
		}
		catch (IOException | SecurityException ex) {
			logger.warn("Ignoring port file " + portFile + ": " + ex);
			return null;
		}
	}

	/**
	 * Probe all ports in parallel: return the lowest healthy one and the lowest one that
	 * answered but not OK (either may be {@code null}). Only waits for the ports below the first
	 * healthy one found in port order.
	 */
	private Found probeLowest(List<Integer> ports) {
		List<CompletableFuture<Answer>> probes = new ArrayList<>(ports.size());
		for (Integer port : ports) {
			probes.add(probe(localBase(port), this.probeTimeout));
		}
		URI notOk = null;
		try {
			for (int i = 0; i < ports.size(); i++) {
				Answer answer = awaitAnswer(probes.get(i), this.probeTimeout);
				if (answer == Answer.HEALTHY) {
					return new Found(localBase(ports.get(i)), notOk);
				}
				if (answer == Answer.NOT_OK && notOk == null) {
					notOk = localBase(ports.get(i));
				}
			}
			return new Found(null, notOk);
		}
		finally {
			probes.forEach((probe) -> probe.cancel(true));
		}
	}

	private boolean isHealthy(URI base, Duration timeout) {
		return awaitAnswer(probe(base, timeout), timeout) == Answer.HEALTHY;
	}

	/**
	 * Timeout for checking a base that is already known (and for {@link #isHealthy()}): the larger of the probe
	 * and connect timeouts, so that a busy machine is not mistaken for a vanished Pieces OS.
	 */
	private Duration healthCheckTimeout() {
		return (this.connectTimeout.compareTo(this.probeTimeout) > 0) ? this.connectTimeout : this.probeTimeout;
	}

	private CompletableFuture<Answer> probe(URI base, Duration timeout) {
		if (this.closed) {
			return CompletableFuture.completedFuture(Answer.NONE);
		}
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(base + HEALTH_PATH))
				.method("HEAD", HttpRequest.BodyPublishers.noBody())
				.timeout(timeout)
				.build();
			HttpClient httpClient = http().httpClient();
			this.callsInFlight.incrementAndGet();
			try {
				CompletableFuture<HttpResponse<Void>> exchange = httpClient.sendAsync(request,
						HttpResponse.BodyHandlers.discarding());
				// counted on the exchange itself: callers may cancel the stage they get back
				exchange.whenComplete((response, failure) -> callEnded());
				return exchange.handle((response, failure) -> (failure == null) ? Answer.of(response.statusCode())
						: Answer.NONE);
			}
			catch (RuntimeException ex) {
				callEnded();
				throw ex;
			}
		}
		catch (RuntimeException ex) {
			// e.g. the client was closed meanwhile
			return CompletableFuture.completedFuture(Answer.NONE);
		}
	}

	private Answer awaitAnswer(CompletableFuture<Answer> probe, Duration timeout) {
		try {
			// the request timeout bounds the probe; this bound only guards against a stuck HTTP client
			return probe.get(timeout.toMillis() * 2 + 2000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Answer.NONE;
		}
		catch (ExecutionException | TimeoutException | CancellationException ex) {
			return Answer.NONE;
		}
	}

	private static URI localBase(int port) {
		return URI.create("http://127.0.0.1:" + port);
	}

	/**
	 * What a health probe learned about a port. Pieces OS answers {@code /.well-known/health}
	 * with 200 when healthy and with a server error (e.g. 503) when it is up but not OK; any
	 * other answer (404, ...) means something else listens on the port.
	 */
	private enum Answer {

		/** 2xx: Pieces OS, healthy. */
		HEALTHY,

		/** 5xx: Pieces OS, but not OK. */
		NOT_OK,

		/** No answer, or an answer that is not from Pieces OS. */
		NONE;

		static Answer of(int status) {
			if (status >= 200 && status < 300) {
				return HEALTHY;
			}
			return (status >= 500 && status < 600) ? NOT_OK : NONE;
		}

		boolean present() {
			return this != NONE;
		}

	}

	/**
	 * The result of a scan: the lowest healthy port and the lowest port that answered but not
	 * OK, either {@code null}.
	 */
	private record Found(@Nullable URI healthy, @Nullable URI notOk) {
	}

	// REST

	private <T> @Nullable T get(String pathTemplate, Class<T> type, Object... uriVariables) {
		String description = "GET " + expand(pathTemplate, uriVariables);
		byte[] body = execute(true, (base) -> http().restClient().get()
			.uri(base + pathTemplate, uriVariables)
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.body(byte[].class), description);
		return decode(body, type, description);
	}

	private <T> T post(String path, Object requestBody, Class<T> type) {
		return post(path, requestBody, type, false);
	}

	/**
	 * POST a JSON body; {@code safe} calls (ones that change nothing on the server) may be repeated once on a
	 * re-discovered Pieces OS.
	 */
	private <T> T post(String path, Object requestBody, Class<T> type, boolean safe) {
		String description = "POST " + path;
		byte[] json = encode(requestBody);
		byte[] body = execute(safe, (base) -> http().restClient().post()
			.uri(base + path)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.body(byte[].class), description);
		return required(decode(body, type, description), description);
	}

	private void postWithoutBody(String pathTemplate, Object... uriVariables) {
		String description = "POST " + expand(pathTemplate, uriVariables);
		execute(false, (base) -> http().restClient().post()
			.uri(base + pathTemplate, uriVariables)
			.retrieve()
			.toBodilessEntity(), description);
	}

	private <T> T execute(boolean idempotent, Function<URI, T> call, String description) {
		URI base = currentOrDiscover();
		try {
			return translate(call, base, description);
		}
		catch (PiecesUnavailableException ex) {
			if (!idempotent || this.fixedBaseUri != null || this.closed) {
				throw ex;
			}
			URI rediscovered;
			try {
				rediscovered = discover();
			}
			catch (PiecesUnavailableException notFound) {
				ex.addSuppressed(notFound);
				throw ex;
			}
			if (rediscovered.equals(base)) {
				throw ex;
			}
			return translate(call, rediscovered, description);
		}
	}

	private <T> T translate(Function<URI, T> call, URI base, String description) {
		this.callsInFlight.incrementAndGet();
		try {
			return call.apply(base);
		}
		catch (RestClientResponseException ex) {
			int status = ex.getStatusCode().value();
			String message = description + " failed with status " + status;
			if (status == 404) {
				throw new PiecesNotFoundException(message, ex);
			}
			if (status == 410) {
				throw new PiecesGoneException(message, ex);
			}
			if (status >= 400 && status < 500) {
				message = message + reason(ex);
			}
			throw new PiecesApiException(message, status, ex);
		}
		catch (ResourceAccessException ex) {
			throw new PiecesUnavailableException(description + " failed: Pieces OS at " + base
					+ " is unreachable (" + ex.getMostSpecificCause() + ")", ex);
		}
		catch (RestClientException ex) {
			throw new PiecesApiException(description + " failed: " + ex.getMessage(), 0, ex);
		}
		catch (IllegalStateException ex) {
			if (this.closed) {
				throw new IllegalStateException("PiecesClient is closed", ex);
			}
			throw ex;
		}
		finally {
			callEnded();
		}
	}

	/**
	 * The reason a client error's text body gives, as {@code ": <reason>"}: one line, at most 200 characters,
	 * e-mail addresses redacted (the message ends up in logs); empty for a JSON or empty body.
	 */
	private static String reason(RestClientResponseException ex) {
		MediaType contentType = (ex.getResponseHeaders() != null) ? ex.getResponseHeaders().getContentType() : null;
		if (contentType == null || !MediaType.TEXT_PLAIN.isCompatibleWith(contentType)) {
			return "";
		}
		String text = EMAIL.matcher(ex.getResponseBodyAsString(StandardCharsets.UTF_8).strip().replaceAll("\\s+", " "))
			.replaceAll("<redacted>");
		if (text.isEmpty()) {
			return "";
		}
		return ": " + ((text.length() > 200) ? text.substring(0, 200) + "..." : text);
	}

	private void callEnded() {
		if (this.callsInFlight.decrementAndGet() == 0 && this.closed) {
			releaseIfIdle();
		}
	}

	private <T> @Nullable T decode(byte @Nullable [] body, Class<T> type, String description) {
		if (body == null || body.length == 0) {
			return null;
		}
		try {
			return this.jsonMapper.readValue(body, type);
		}
		catch (JacksonException ex) {
			throw new PiecesApiException("Cannot decode the response of " + description + " as "
					+ type.getSimpleName() + ": " + ex.getOriginalMessage(), 200, ex);
		}
	}

	private byte[] encode(Object value) {
		try {
			return this.jsonMapper.writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new PiecesException("Cannot encode " + value.getClass().getSimpleName() + " as JSON", ex);
		}
	}

	private static <T> T required(@Nullable T value, String description) {
		if (value == null) {
			throw new PiecesApiException(description + " returned an empty body", 200, null);
		}
		return value;
	}

	private static String expand(String template, Object... variables) {
		String result = template;
		for (Object variable : variables) {
			result = result.replaceFirst("\\{[^}]*}", Matcher.quoteReplacement(String.valueOf(variable)));
		}
		return result;
	}

	private String supportedRange() {
		return "[" + this.minVersion + ", " + this.maxVersion + ") and debug builds";
	}

	private void assertOpen() {
		if (this.closed) {
			throw new IllegalStateException("PiecesClient is closed");
		}
	}

	private static PlatformEnum currentPlatform() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		if (os.contains("mac") || os.contains("darwin")) {
			return PlatformEnum.MACOS;
		}
		if (os.contains("win")) {
			return PlatformEnum.WINDOWS;
		}
		return PlatformEnum.LINUX;
	}

	private static ExecutorService createExecutor() {
		int instance = instances.incrementAndGet();
		AtomicInteger threads = new AtomicInteger();
		ThreadFactory factory = (runnable) -> {
			Thread thread = new Thread(runnable, "pieces-client-" + instance + "-http-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
	}

	/**
	 * Release the HTTP resources of a closed client once no REST call or probe is running. They are not released
	 * under a running exchange: on Java 17 an exchange whose executor was shut down never completes, so a call running when the
	 * client closes (e.g. a cache fetch during shutdown) would hang until its read timeout instead of finishing.
	 */
	private void releaseIfIdle() {
		if (this.callsInFlight.get() == 0) {
			Http released = this.pendingRelease.getAndSet(null);
			if (released != null) {
				released.executor().shutdownNow();
				shutdownHttpClient(released.httpClient());
			}
		}
	}

	/**
	 * Shut the JDK HTTP client down on Java 21+ ({@code HttpClient.shutdownNow()}); on Java 17 the client has no
	 * such method and its selector thread ends once the client is garbage collected.
	 */
	private static void shutdownHttpClient(HttpClient client) {
		try {
			Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
			shutdownNow.invoke(client);
		}
		catch (NoSuchMethodException ex) {
			// Java 17: nothing to call
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Could not shut the HTTP client down", ex);
		}
	}

	/**
	 * Builder for {@link PiecesClient}. Not thread-safe; {@link #build()} does no I/O.
	 */
	public static final class Builder {

		private @Nullable URI baseUrl;

		private int firstPort = DEFAULT_FIRST_PORT;

		private int lastPort = DEFAULT_LAST_PORT;

		private List<Path> portFiles = defaultPortFiles();

		private boolean legacyPorts = true;

		private Duration connectTimeout = Duration.ofSeconds(2);

		private Duration readTimeout = Duration.ofSeconds(30);

		private Duration probeTimeout = Duration.ofSeconds(1);

		private String applicationName = DEFAULT_APPLICATION_NAME;

		private String applicationVersion = DEFAULT_APPLICATION_VERSION;

		private boolean versionCheck = true;

		private PiecesVersion minVersion = PiecesVersion.parse(DEFAULT_MIN_VERSION);

		private PiecesVersion maxVersion = PiecesVersion.parse(DEFAULT_MAX_VERSION);

		private JsonMapper jsonMapper = PiecesJson.mapper();

		private Consumer<RestClient.Builder> restClientCustomizer = (restClientBuilder) -> {
		};

		private Builder() {
		}

		/**
		 * Use a fixed base URL and never discover.
		 * @param baseUrl the base URL, e.g. {@code http://127.0.0.1:39300}
		 * @return this builder
		 */
		public Builder baseUrl(String baseUrl) {
			return baseUrl(URI.create(baseUrl.trim()));
		}

		/**
		 * Use a fixed base URL and never discover; {@code null} restores discovery.
		 * @param baseUrl the base URL, e.g. {@code http://127.0.0.1:39300}
		 * @return this builder
		 */
		public Builder baseUrl(@Nullable URI baseUrl) {
			if (baseUrl == null) {
				this.baseUrl = null;
				return this;
			}
			String scheme = baseUrl.getScheme();
			if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
					|| baseUrl.getHost() == null) {
				throw new IllegalArgumentException("Base URL must be an absolute http(s) URL: " + baseUrl);
			}
			String text = baseUrl.toString();
			while (text.endsWith("/")) {
				text = text.substring(0, text.length() - 1);
			}
			this.baseUrl = URI.create(text);
			return this;
		}

		/**
		 * Set the port range to scan (inclusive). Default 39300..39333.
		 * @param first the first port
		 * @param last the last port
		 * @return this builder
		 */
		public Builder portRange(int first, int last) {
			if (first < 1 || last > 65535 || first > last) {
				throw new IllegalArgumentException("Invalid port range " + first + ".." + last);
			}
			this.firstPort = first;
			this.lastPort = last;
			return this;
		}

		/**
		 * Set the {@code .port.txt} files to read before scanning, in order. Default: the production and debug
		 * files under {@code ~/Library/com.pieces.os} (macOS) and {@code ~/Documents/com.pieces.os}
		 * (Windows/Linux).
		 * @param portFiles the files; missing files are skipped
		 * @return this builder
		 */
		public Builder portFiles(List<Path> portFiles) {
			this.portFiles = List.copyOf(portFiles);
			return this;
		}

		/**
		 * Whether to try the legacy ports 1000 and 5323 when the scan finds nothing. Default {@code true}.
		 * @param legacyPorts whether to try them
		 * @return this builder
		 */
		public Builder legacyPorts(boolean legacyPorts) {
			this.legacyPorts = legacyPorts;
			return this;
		}

		/**
		 * Set the TCP connect timeout. Default 2 s.
		 * @param connectTimeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive(connectTimeout, "connectTimeout");
			return this;
		}

		/**
		 * Set the timeout for a REST response. Default 30 s.
		 * @param readTimeout the timeout
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			this.readTimeout = positive(readTimeout, "readTimeout");
			return this;
		}

		/**
		 * Set the timeout of one discovery probe ({@code HEAD /.well-known/health}) of a port file or scanned
		 * port. Default 1 s. Ports with nothing listening fail at once, so this only bounds ports that accept
		 * connections and do not answer. The known base and {@link PiecesClient#isHealthy()} are checked with the
		 * larger of this and the connect timeout.
		 * @param probeTimeout the timeout
		 * @return this builder
		 */
		public Builder probeTimeout(Duration probeTimeout) {
			this.probeTimeout = positive(probeTimeout, "probeTimeout");
			return this;
		}

		/**
		 * Set the application name sent to {@code POST /connect} (an {@code ApplicationNameEnum} value). Default
		 * {@code OPEN_SOURCE}.
		 * @param applicationName the name
		 * @return this builder
		 */
		public Builder applicationName(String applicationName) {
			this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
			return this;
		}

		/**
		 * Set the application version sent to {@code POST /connect}. Default {@code 0.1.0}.
		 * @param applicationVersion the version
		 * @return this builder
		 */
		public Builder applicationVersion(String applicationVersion) {
			this.applicationVersion = Objects.requireNonNull(applicationVersion, "applicationVersion");
			return this;
		}

		/**
		 * Whether {@link PiecesClient#connect()} checks the Pieces OS version first. Default {@code true}.
		 * @param versionCheck whether to check
		 * @return this builder
		 */
		public Builder versionCheck(boolean versionCheck) {
			this.versionCheck = versionCheck;
			return this;
		}

		/**
		 * Set the supported Pieces OS versions, {@code [minInclusive, maxExclusive)}. Default
		 * {@code [12.0.0, 13.0.0)}; {@code debug} is always accepted and qualifiers such as {@code -staging} are
		 * ignored.
		 * @param minInclusive the lowest supported version
		 * @param maxExclusive the first unsupported version
		 * @return this builder
		 */
		public Builder supportedVersions(String minInclusive, String maxExclusive) {
			PiecesVersion min = PiecesVersion.parse(minInclusive);
			PiecesVersion max = PiecesVersion.parse(maxExclusive);
			if (min.compareTo(max) >= 0) {
				throw new IllegalArgumentException(
						"Empty version range [" + minInclusive + ", " + maxExclusive + ")");
			}
			this.minVersion = min;
			this.maxVersion = max;
			return this;
		}

		/**
		 * Set the mapper for JSON. Default {@link PiecesJson#mapper()}; a custom mapper should start from
		 * {@link PiecesJson#builder()} (or register {@link PiecesJson#module()}) to keep raw JSON and leniency.
		 * @param jsonMapper the mapper
		 * @return this builder
		 */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
			return this;
		}

		/**
		 * Customize the {@link RestClient.Builder} after the client has configured it (request factory and
		 * {@code application} header interceptor), e.g. to add interceptors or an {@code ObservationRegistry}.
		 * May be called more than once; the customizers run in order. Discovery probes do not go through the
		 * {@link RestClient}.
		 * @param restClientCustomizer the customizer
		 * @return this builder
		 */
		public Builder restClientCustomizer(Consumer<RestClient.Builder> restClientCustomizer) {
			this.restClientCustomizer = this.restClientCustomizer
				.andThen(Objects.requireNonNull(restClientCustomizer, "restClientCustomizer"));
			return this;
		}

		/**
		 * Build the client. No I/O happens here.
		 * @return the client
		 */
		public PiecesClient build() {
			return new PiecesClient(this);
		}

		/**
		 * Return the default port files: production then debug, macOS location then Windows/Linux location.
		 * @return the default port files
		 */
		public static List<Path> defaultPortFiles() {
			Path home = Path.of(System.getProperty("user.home", "."));
			List<Path> files = new ArrayList<>();
			for (String flavour : List.of("production", "debug")) {
				files.add(home.resolve("Library/com.pieces.os").resolve(flavour).resolve("Config/.port.txt"));
				files.add(home.resolve("Documents/com.pieces.os").resolve(flavour).resolve("Config/.port.txt"));
			}
			return List.copyOf(files);
		}

		private static Duration positive(Duration duration, String name) {
			Objects.requireNonNull(duration, name);
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive: " + duration);
			}
			return duration;
		}

	}

}
