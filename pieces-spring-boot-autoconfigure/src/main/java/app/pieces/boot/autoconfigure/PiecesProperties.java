package app.pieces.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for Pieces OS ({@code pieces.*}).
 * <p>
 * Every setting has a default that works against a locally installed Pieces OS: with no
 * property at all the client discovers Pieces OS on its well-known ports, opens the five
 * streams once the application has started and reconnects with an exponential backoff
 * whenever Pieces OS goes away.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("pieces")
public class PiecesProperties {

	/**
	 * Whether to auto-configure the Pieces OS client, its websockets and everything built
	 * on them.
	 */
	private boolean enabled = true;

	/**
	 * Fixed base URL of Pieces OS, for example 'http://127.0.0.1:39300'. When set, port
	 * discovery is disabled and only this address is used.
	 */
	private @Nullable String baseUrl;

	/**
	 * Timeout to establish an HTTP or websocket connection to Pieces OS.
	 */
	private Duration connectTimeout = Duration.ofSeconds(2);

	/**
	 * Timeout to wait for the response of a REST call to Pieces OS.
	 */
	private Duration readTimeout = Duration.ofSeconds(30);

	/**
	 * Application name sent to Pieces OS when the client connects (a value of Pieces OS's
	 * application name enum).
	 */
	private String applicationName = "OPEN_SOURCE";

	private final Discovery discovery = new Discovery();

	private final VersionCheck versionCheck = new VersionCheck();

	private final Streams streams = new Streams();

	private final Reconnect reconnect = new Reconnect();

	private final Cache cache = new Cache();

	private final Copilot copilot = new Copilot();

	private final Events events = new Events();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public String getApplicationName() {
		return this.applicationName;
	}

	public void setApplicationName(String applicationName) {
		this.applicationName = applicationName;
	}

	public Discovery getDiscovery() {
		return this.discovery;
	}

	public VersionCheck getVersionCheck() {
		return this.versionCheck;
	}

	public Streams getStreams() {
		return this.streams;
	}

	public Reconnect getReconnect() {
		return this.reconnect;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Copilot getCopilot() {
		return this.copilot;
	}

	public Events getEvents() {
		return this.events;
	}

	/**
	 * Port discovery settings, used when no base URL is set.
	 */
	public static class Discovery {

		/**
		 * First port of the range probed for Pieces OS.
		 */
		private int firstPort = 39300;

		/**
		 * Last port (inclusive) of the range probed for Pieces OS.
		 */
		private int lastPort = 39333;

		/**
		 * Whether to read the port that Pieces OS writes to its '.port.txt' files before
		 * probing the port range.
		 */
		private boolean portFilesEnabled = true;

		/**
		 * Port files to read instead of Pieces OS's default locations. Empty means the
		 * default locations for macOS, Windows and Linux (production and debug builds).
		 */
		private List<Path> portFiles = new ArrayList<>();

		/**
		 * Whether to try the legacy ports of Pieces OS 10.1.15 and older (1000 and 5323)
		 * when nothing answers in the port range.
		 */
		private boolean legacyPorts = true;

		public int getFirstPort() {
			return this.firstPort;
		}

		public void setFirstPort(int firstPort) {
			this.firstPort = firstPort;
		}

		public int getLastPort() {
			return this.lastPort;
		}

		public void setLastPort(int lastPort) {
			this.lastPort = lastPort;
		}

		public boolean isPortFilesEnabled() {
			return this.portFilesEnabled;
		}

		public void setPortFilesEnabled(boolean portFilesEnabled) {
			this.portFilesEnabled = portFilesEnabled;
		}

		public List<Path> getPortFiles() {
			return this.portFiles;
		}

		public void setPortFiles(List<Path> portFiles) {
			this.portFiles = portFiles;
		}

		public boolean isLegacyPorts() {
			return this.legacyPorts;
		}

		public void setLegacyPorts(boolean legacyPorts) {
			this.legacyPorts = legacyPorts;
		}

	}

	/**
	 * Pieces OS version check settings.
	 */
	public static class VersionCheck {

		/**
		 * Whether to check that the Pieces OS version is in the supported range before
		 * using it.
		 */
		private boolean enabled = true;

		/**
		 * Oldest supported Pieces OS version (inclusive).
		 */
		private String minVersion = "12.0.0";

		/**
		 * First unsupported Pieces OS version (exclusive).
		 */
		private String maxVersion = "13.0.0";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getMinVersion() {
			return this.minVersion;
		}

		public void setMinVersion(String minVersion) {
			this.minVersion = minVersion;
		}

		public String getMaxVersion() {
			return this.maxVersion;
		}

		public void setMaxVersion(String maxVersion) {
			this.maxVersion = maxVersion;
		}

	}

	/**
	 * Websocket stream settings.
	 */
	public static class Streams {

		/**
		 * Whether to open the streams automatically when the application context starts.
		 */
		private boolean autoStartup = true;

		/**
		 * Lifecycle phase of the stream manager: below the web server's (graceful shutdown
		 * runs at SmartLifecycle.DEFAULT_PHASE - 1024, the server stops at - 2048), so that the
		 * streams close only after the server has drained its requests: a copilot answer still
		 * streaming to a client can finish, or send its stop frame, at shutdown. Opening early
		 * never delays the start-up (it does not wait for Pieces OS).
		 */
		private int phase = SmartLifecycle.DEFAULT_PHASE - 4096;

		/**
		 * Largest text message accepted from Pieces OS (at least 1 byte, less than 2GB).
		 * Identifier lists of large libraries arrive as one message.
		 */
		private DataSize maxTextMessageSize = DataSize.ofMegabytes(16);

		/**
		 * How often each open stream sends a websocket ping. When nothing (no pong, no
		 * frame) arrives during two intervals in a row, the connection is considered dead
		 * (e.g. Pieces OS on a sleeping machine), closed and reconnected. 0 disables pings.
		 */
		private Duration pingInterval = Duration.ofSeconds(15);

		/**
		 * Health stream ('/.well-known/stream/health').
		 */
		private final Stream health = new Stream();

		/**
		 * User profile stream ('/user/stream').
		 */
		private final Stream user = new Stream();

		/**
		 * Asset identifiers stream ('/assets/stream/identifiers') and the asset cache.
		 */
		private final Stream assets = new Stream();

		/**
		 * Conversation identifiers stream ('/conversations/stream/identifiers') and the
		 * conversation cache.
		 */
		private final Stream conversations = new Stream();

		/**
		 * Copilot stream ('/qgpt/stream') and the copilot.
		 */
		private final Stream qgpt = new Stream();

		/**
		 * Long-term memory vision status stream
		 * ('/workstream_pattern_engine/processors/vision/status/stream').
		 */
		private final Stream ltm = new Stream();

		/**
		 * Anchor identifiers stream ('/anchors/stream/identifiers') and the anchor cache:
		 * the files and folders Pieces OS tracks.
		 */
		private final Stream anchors = new Stream();

		/**
		 * Range identifiers stream ('/ranges/stream/identifiers') and the range cache: the
		 * time spans of the workstream.
		 */
		private final Stream ranges = new Stream();

		/**
		 * Workstream summary identifiers stream ('/workstream_summaries/stream/identifiers')
		 * and the summary cache; off unless enabled (the official wrapper does not start it).
		 */
		private final Stream summaries = new Stream(false);

		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		public int getPhase() {
			return this.phase;
		}

		public void setPhase(int phase) {
			this.phase = phase;
		}

		public DataSize getMaxTextMessageSize() {
			return this.maxTextMessageSize;
		}

		public void setMaxTextMessageSize(DataSize maxTextMessageSize) {
			this.maxTextMessageSize = maxTextMessageSize;
		}

		public Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
		}

		public Stream getHealth() {
			return this.health;
		}

		public Stream getUser() {
			return this.user;
		}

		public Stream getAssets() {
			return this.assets;
		}

		public Stream getConversations() {
			return this.conversations;
		}

		public Stream getQgpt() {
			return this.qgpt;
		}

		public Stream getLtm() {
			return this.ltm;
		}

		public Stream getAnchors() {
			return this.anchors;
		}

		public Stream getRanges() {
			return this.ranges;
		}

		public Stream getSummaries() {
			return this.summaries;
		}

		/**
		 * Settings of one stream.
		 */
		public static class Stream {

			/**
			 * Whether to create this stream (and what is built on it).
			 */
			private boolean enabled;

			public Stream() {
				this(true);
			}

			Stream(boolean enabled) {
				this.enabled = enabled;
			}

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/**
	 * Reconnect settings of the websockets, shaped like Spring Boot's retry groups.
	 */
	public static class Reconnect {

		/**
		 * Whether to reconnect a stream that closed without being asked to.
		 */
		private boolean enabled = true;

		/**
		 * Delay before the first reconnect attempt.
		 */
		private Duration initialInterval = Duration.ofMillis(500);

		/**
		 * Multiplier applied to the delay after each failed attempt.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest delay between two attempts.
		 */
		private Duration maxInterval = Duration.ofSeconds(30);

		/**
		 * Random jitter added to or removed from each delay, so that the streams do not
		 * reconnect in lockstep.
		 */
		private Duration jitter = Duration.ofMillis(100);

		/**
		 * Maximum number of consecutive reconnect attempts of one stream; unlimited by
		 * default.
		 */
		private long maxAttempts = Long.MAX_VALUE;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		public Duration getJitter() {
			return this.jitter;
		}

		public void setJitter(Duration jitter) {
			this.jitter = jitter;
		}

		public long getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(long maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

	}

	/**
	 * Asset and conversation cache settings.
	 */
	public static class Cache {

		/**
		 * Maximum number of snapshots fetched from Pieces OS at the same time while a
		 * cache hydrates.
		 */
		private int hydrationConcurrency = 8;

		/**
		 * Whether a cache reads the whole library in one streamed request (GET /assets,
		 * GET /conversations) on its first sync and on a resync that needs much of it;
		 * false fetches every item on its own. A Pieces OS that refuses the bulk calls is
		 * detected by itself either way.
		 */
		private boolean bulkSync = true;

		public int getHydrationConcurrency() {
			return this.hydrationConcurrency;
		}

		public void setHydrationConcurrency(int hydrationConcurrency) {
			this.hydrationConcurrency = hydrationConcurrency;
		}

		public boolean isBulkSync() {
			return this.bulkSync;
		}

		public void setBulkSync(boolean bulkSync) {
			this.bulkSync = bulkSync;
		}

	}

	/**
	 * Copilot settings.
	 */
	public static class Copilot {

		/**
		 * Longest silence tolerated while an answer streams; after it the question is
		 * stopped and its answer fails.
		 */
		private Duration timeout = Duration.ofSeconds(60);

		/**
		 * Name or id of the model used when a question names none. When not set, Pieces OS
		 * chooses.
		 */
		private @Nullable String defaultModel;

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable String getDefaultModel() {
			return this.defaultModel;
		}

		public void setDefaultModel(@Nullable String defaultModel) {
			this.defaultModel = defaultModel;
		}

	}

	/**
	 * Settings of the Spring application events published for what the streams report.
	 */
	public static class Events {

		/**
		 * Whether to publish Pieces OS application events ('PiecesEvent'). When off, no event
		 * is published; callbacks and client event listeners on the websocket beans still work.
		 */
		private boolean enabled = true;

		/**
		 * Number of events waiting to be published (because an @EventListener is slow) at
		 * which a warning is logged, once per crossing; an info line follows when the backlog
		 * is below half of it again. Events are never dropped: the backlog is only reported.
		 */
		private int backlogWarningThreshold = 10000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getBacklogWarningThreshold() {
			return this.backlogWarningThreshold;
		}

		public void setBacklogWarningThreshold(int backlogWarningThreshold) {
			this.backlogWarningThreshold = backlogWarningThreshold;
		}

	}

}
