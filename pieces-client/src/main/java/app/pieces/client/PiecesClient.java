package app.pieces.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import app.pieces.model.Asset;
import app.pieces.model.Context;
import app.pieces.model.Conversation;
import app.pieces.model.Models;
import app.pieces.model.PlatformEnum;
import app.pieces.model.QGPTQuestionInput;
import app.pieces.model.QGPTQuestionOutput;
import app.pieces.model.QGPTRelevanceInput;
import app.pieces.model.QGPTRelevanceOutput;
import app.pieces.model.ReturnedUserProfile;
import app.pieces.model.SeededConnectorConnection;
import app.pieces.model.SeededTrackedApplication;
import app.pieces.model.UserProfile;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * Client for the REST side of Pieces OS: port discovery, version check, registration ({@code POST /connect})
 * and the snapshot calls the websockets and caches need.
 * <p>
 * Build one with {@link #builder()}. Construction does no I/O, so it never fails because Pieces OS is down;
 * the first call that needs Pieces OS discovers it (unless a base URL was given) and later calls re-discover it
 * when it has moved to another port. REST runs on Spring's {@link RestClient} over the JDK {@link java.net.http.HttpClient},
 * with the configured timeouts; failures surface as subclasses of {@link PiecesException}.
 * <p>
 * Instances are thread-safe. {@link #close()} releases the HTTP client and the threads this client owns.
 */
public final class PiecesClient implements AutoCloseable {

	/** The first port of the range Pieces OS listens on (since 10.1.15). */
	public static final int DEFAULT_FIRST_PORT = 39300;

	/** The last port of the range Pieces OS listens on. */
	public static final int DEFAULT_LAST_PORT = 39333;

	/** Ports used by Pieces OS up to 10.1.15: 1000 on macOS and Windows, 5323 on Linux. */
	public static final List<Integer> LEGACY_PORTS = List.of(1000, 5323);

	/** The default application name sent to {@code POST /connect}. */
	public static final String DEFAULT_APPLICATION_NAME = "OPEN_SOURCE";

	/** The default application version sent to {@code POST /connect}. */
	public static final String DEFAULT_APPLICATION_VERSION = "0.1.0";

	/** Default lowest supported Pieces OS version (inclusive). */
	public static final String DEFAULT_MIN_VERSION = "12.0.0";

	/** Default first unsupported Pieces OS version (exclusive). */
	public static final String DEFAULT_MAX_VERSION = "13.0.0";

	/** Name of the header carrying the connected application's id, as the official clients send it. */
	public static final String APPLICATION_HEADER = "application";

	private static final Log logger = LogFactory.getLog(PiecesClient.class);

	private final String applicationName;

	private final String applicationVersion;

	private final boolean versionCheck;

	private final PiecesVersion minVersion;

	private final PiecesVersion maxVersion;

	private final JsonMapper jsonMapper;

	private final AtomicReference<@Nullable String> applicationId = new AtomicReference<>();

	private final HttpResources http;

	private final Locator locator;

	private final RestCalls rest;

	private final PiecesAssets assets;

	private final PiecesConversations conversations;

	private final PiecesLtm ltm;

	private final PiecesWorkstream workstream;

	PiecesClient(PiecesClientBuilder builder) {
		this.applicationName = builder.applicationName;
		this.applicationVersion = builder.applicationVersion;
		this.versionCheck = builder.versionCheck;
		this.minVersion = builder.minVersion;
		this.maxVersion = builder.maxVersion;
		this.jsonMapper = builder.jsonMapper;
		this.http = new HttpResources(builder.connectTimeout, builder.readTimeout, builder.jsonMapper,
				this.applicationId::get, builder.restClientCustomizer);
		this.locator = new Locator(builder.baseUrl, builder.portFiles, builder.firstPort, builder.lastPort,
				builder.legacyPorts ? LEGACY_PORTS : List.of(), builder.probeTimeout, builder.connectTimeout,
				this.http);
		this.rest = new RestCalls(this.locator, this.http);
		this.assets = new PiecesAssets(this, this.rest);
		this.conversations = new PiecesConversations(this, this.rest);
		this.ltm = new PiecesLtm(this.rest);
		this.workstream = new PiecesWorkstream(this.rest);
	}

	/**
	 * Create a builder with the defaults: discovery through the port files, ports 39300..39333 and the legacy
	 * ports; 2 s connect and 30 s read timeout; application {@code OPEN_SOURCE}; versions [12.0.0, 13.0.0).
	 * @return a new builder
	 */
	public static PiecesClientBuilder builder() {
		return new PiecesClientBuilder();
	}

	/**
	 * Create a JDK {@link HttpClient} builder set up like this client's (for other clients of Pieces OS, e.g. MCP):
	 * loopback requests never go through a proxy, and TLS is set up only if a connection needs it.
	 * @return a new builder
	 */
	public static HttpClient.Builder httpClientBuilder() {
		return HttpResources.jdkClientBuilder();
	}

	/**
	 * Return the current base URL of Pieces OS ({@code http://127.0.0.1:<port>}, no trailing slash): the fixed
	 * base URL if one was configured, otherwise the last discovered one; empty until discovered and after a
	 * discovery that found nothing.
	 * @return the base URL
	 */
	public Optional<URI> baseUri() {
		return this.locator.current();
	}

	/**
	 * (Re)discover Pieces OS and return its base URL: a fixed base URL without I/O, else the current base while it
	 * answers, then the port files, ports 39300..39333 (probed in parallel, the lowest healthy Pieces OS wins: it
	 * must answer {@code /.well-known/health} and {@code /.well-known/version}) and the legacy ports; failing a
	 * healthy one, the first that answered 5xx. Concurrent callers share one run ({@code CLIENT.md} tells more).
	 * @return the base URL
	 * @throws PiecesUnavailableException if nothing answers
	 */
	public URI discover() {
		assertOpen();
		return this.locator.discover();
	}

	/**
	 * What the last discovery did, step by step ("port 39300 is not Pieces OS", "found http://127.0.0.1:39301"), for
	 * an operator; empty before the first one and with a fixed base URL. Names no file paths.
	 * @return the steps, oldest first
	 */
	public List<String> lastDiscoveryTrail() {
		return this.locator.lastTrail();
	}

	/**
	 * Tell discovery that a discovered base is not Pieces OS (it has no Pieces OS health stream; the sockets find
	 * that out themselves), so that {@link #discover()} skips it for a minute.
	 * @param base the base URL, e.g. {@code http://127.0.0.1:39300}
	 * @return {@code false} if the base URL is fixed ({@code baseUrl(...)}), which is kept
	 */
	public boolean rejectBase(URI base) {
		return this.locator.reject(base);
	}

	/**
	 * Return the websocket URL for a path: {@code ws://127.0.0.1:<port><path>} from the current base
	 * ({@code wss} for an {@code https} base), discovering Pieces OS first if no base is known.
	 * @param path the path, e.g. {@code /qgpt/stream}
	 * @return the websocket URL
	 * @throws PiecesUnavailableException if no base is known and nothing is discovered
	 */
	public URI websocketUri(String path) {
		assertOpen();
		String base = this.locator.currentOrDiscover().toString();
		String ws = base.startsWith("https:") ? "wss:" + base.substring("https:".length())
				: "ws:" + base.substring(base.indexOf(':') + 1);
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
			return !isClosed() && this.locator.isHealthy(this.locator.currentOrDiscover());
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
		String text = this.rest.call("GET /.well-known/version", String.class, true, PiecesApi::version);
		return (text != null) ? text.trim() : "";
	}

	/**
	 * Read the Pieces OS version and check it against the supported range ({@code debug} is always accepted).
	 * @return the version
	 * @throws PiecesIncompatibleVersionException if the version is outside the range or unreadable; the message
	 * says whether Pieces OS or this client has to be updated
	 */
	public PiecesVersion checkVersion() {
		return PiecesVersion.checkSupported(version(), this.minVersion, this.maxVersion);
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
				SeededTrackedApplication.of(this.applicationName, PlatformEnum.current(), this.applicationVersion));
		Context context = this.rest.required("POST /connect", Context.class, false,
				(api, base) -> api.connect(base, connection));
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
		ReturnedUserProfile returned = this.rest.call("GET /user", ReturnedUserProfile.class, true, PiecesApi::user);
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
		return this.rest.required("GET /asset/" + shortened(id), Asset.class, true,
				(api, base) -> api.asset(base, id, null));
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
		return this.rest.required("GET /asset/" + shortened(id), Asset.class, true,
				(api, base) -> api.asset(base, id, transferables));
	}

	/**
	 * Read the whole library ({@code GET /assets?transferables=false}) and hand each asset to the action as it
	 * arrives, decoded item by item from the streamed answer (never held in memory as a whole), without content:
	 * {@link #asset(String)} has the text. Raw JSON is kept as read ({@link app.pieces.model.RawJson#compact()}
	 * deflates it). If the answer breaks off, the action has seen a prefix of the library and the call throws.
	 * @param action what to do with each asset, called on the calling thread; an exception it throws stops the
	 * read and is rethrown
	 * @throws PiecesNotFoundException if Pieces OS does not offer the call (404)
	 * @throws PiecesUnavailableException if Pieces OS is unreachable or the answer breaks off
	 */
	public void forEachAsset(Consumer<? super Asset> action) {
		this.rest.forEach("GET /assets", "/assets?transferables=false", Asset.class, action);
	}

	/**
	 * Read every conversation ({@code GET /conversations?transferables=false}) and hand each to the action as
	 * it arrives, like {@link #forEachAsset(Consumer)}.
	 * @param action what to do with each conversation, called on the calling thread; an exception it throws
	 * stops the read and is rethrown
	 * @throws PiecesNotFoundException if Pieces OS does not offer the call (404)
	 * @throws PiecesUnavailableException if Pieces OS is unreachable or the answer breaks off
	 */
	public void forEachConversation(Consumer<? super Conversation> action) {
		this.rest.forEach("GET /conversations", "/conversations?transferables=false", Conversation.class, action);
	}

	/**
	 * Return the writes of the user's snippets: create, rename, change the code, reclassify, delete, read the code.
	 * @return the assets operations of this client
	 */
	public PiecesAssets assets() {
		return this.assets;
	}

	/**
	 * Return the management of the user's chats: create, read the messages, rename, delete, attach assets.
	 * @return the conversations operations of this client
	 */
	public PiecesConversations conversations() {
		return this.conversations;
	}

	/**
	 * Return Pieces' long-term memory: its status, turning it on, pausing it.
	 * @return the LTM operations of this client
	 */
	public PiecesLtm ltm() {
		return this.ltm;
	}

	/**
	 * Return the user's workstream: anchors (files and folders), ranges (time windows) and workstream summaries.
	 * @return the workstream reads of this client
	 */
	public PiecesWorkstream workstream() {
		return this.workstream;
	}

	/**
	 * Fetch a conversation ({@code GET /conversation/{id}}).
	 * @param id the conversation id
	 * @return the conversation, with its raw JSON
	 * @throws PiecesGoneException if the conversation was deleted (410)
	 * @throws PiecesNotFoundException if the conversation does not exist (404)
	 */
	public Conversation conversation(String id) {
		return this.rest.required("GET /conversation/" + shortened(id), Conversation.class, true,
				(api, base) -> api.conversation(base, id));
	}

	/**
	 * List the models Pieces OS offers ({@code GET /models}).
	 * @return the models
	 */
	public Models models() {
		Models models = this.rest.call("GET /models", Models.class, true, PiecesApi::models);
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
		Assert.hasText(input.query(), "QGPTQuestionInput.query must not be empty");
		Assert.notNull(input.relevant(),
				"QGPTQuestionInput.relevant is required by Pieces OS; use RelevantQGPTSeeds.none() for no context");
		return this.rest.required("POST /qgpt/question", QGPTQuestionOutput.class, true,
				(api, base) -> api.question(base, input));
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
		Assert.hasText(input.query(), "QGPTRelevanceInput.query must not be empty");
		return this.rest.required("POST /qgpt/relevance", QGPTRelevanceOutput.class, true,
				(api, base) -> api.relevance(base, input));
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
		return this.http.isClosed();
	}

	/**
	 * Release the HTTP client and the threads this client owns. Idempotent. Later calls that need Pieces OS
	 * throw {@link IllegalStateException}.
	 */
	@Override
	public void close() {
		this.http.close();
	}

	@Override
	public String toString() {
		return "PiecesClient[base=" + baseUri().map(URI::toString).orElse("<not discovered>") + ", application="
				+ this.applicationName + ", closed=" + isClosed() + "]";
	}

	private void assertOpen() {
		if (isClosed()) {
			throw new IllegalStateException("PiecesClient is closed");
		}
	}

	/**
	 * Return an id as messages show it: ids come from Pieces OS frames, so a huge or hostile one must not turn
	 * into a huge log line.
	 * @param id the id
	 * @return the id, or its start and its length if it is longer than 64 characters
	 */
	public static String shortened(String id) {
		return (id.length() <= 64) ? id : id.substring(0, 32) + "...(" + id.length() + " characters)";
	}

	/**
	 * Told about the items written through this client ({@link PiecesAssets}, {@link PiecesConversations}), on the
	 * writing thread, before the writing method returns. The identifier streams register one to keep their caches
	 * current.
	 *
	 * @param <T> the item type
	 */
	public interface WriteListener<T> {

		/**
		 * An item was created or changed; it is what Pieces OS returned.
		 * @param item the item
		 */
		default void written(T item) {
		}

		/**
		 * An item was deleted.
		 * @param id its id
		 */
		default void deleted(String id) {
		}

	}

}
