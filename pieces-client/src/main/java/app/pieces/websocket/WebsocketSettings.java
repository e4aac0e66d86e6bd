package app.pieces.websocket;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Immutable settings of a {@link PiecesWebsocketManager}.
 *
 * @param maxTextMessageSize the largest text message accepted, in bytes of UTF-8; larger
 * messages are discarded as {@link FrameOutcome#OVERSIZED} (the socket stays open). The
 * default (16 MiB) holds a 50,000-asset identifier list in one frame.
 * @param reconnect the reconnect policy
 * @param hydrationConcurrency how many REST snapshot fetches one cache runs at a time
 * @param connectTimeout how long one connect attempt (TCP connect and websocket upgrade) may
 * take
 * @param pingInterval how often an open socket sends a websocket PING; when nothing (no PONG,
 * no frame) arrives during two intervals in a row the connection is considered dead, closed
 * and reconnected (so a dead Pieces OS is noticed within two to three intervals). This detects a Pieces OS that vanished without closing TCP (a sleeping
 * machine, a frozen process or network). {@link Duration#ZERO} disables pings.
 * @param bulkSync whether a cache reads the whole collection in one streamed request ({@code GET /assets},
 * {@code GET /conversations}) when much of it needs fetching (the first sync, a resync whose list carries ids
 * only); {@code false} fetches every item on its own ({@code GET /asset/{id}}), as Pieces OS versions without
 * the bulk calls need anyway (the cache falls back by itself when a bulk read is refused)
 * @author Pieces starter team
 */
public record WebsocketSettings(int maxTextMessageSize, ReconnectSettings reconnect, int hydrationConcurrency,
		Duration connectTimeout, Duration pingInterval, boolean bulkSync) {

	/**
	 * The default {@link #maxTextMessageSize()}: 16 MiB.
	 */
	public static final int DEFAULT_MAX_TEXT_MESSAGE_SIZE = 16 * 1024 * 1024;

	/**
	 * The default {@link #pingInterval()}: 15 seconds.
	 */
	public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(15);

	/**
	 * Validate the settings.
	 * @param maxTextMessageSize the largest text message in bytes, positive
	 * @param reconnect the reconnect policy
	 * @param hydrationConcurrency the number of parallel fetches per cache, positive
	 * @param connectTimeout the connect timeout, positive
	 * @param pingInterval the ping interval, positive, or zero to disable pings
	 * @param bulkSync whether caches read whole collections in one request
	 */
	public WebsocketSettings {
		Assert.isTrue(maxTextMessageSize > 0, "'maxTextMessageSize' must be positive");
		Assert.notNull(reconnect, "'reconnect' must not be null");
		Assert.isTrue(hydrationConcurrency > 0, "'hydrationConcurrency' must be positive");
		Assert.notNull(connectTimeout, "'connectTimeout' must not be null");
		Assert.isTrue(connectTimeout.toMillis() > 0, "'connectTimeout' must be positive");
		Assert.notNull(pingInterval, "'pingInterval' must not be null");
		Assert.isTrue(pingInterval.isZero() || pingInterval.toMillis() > 0,
				"'pingInterval' must be zero (disabled) or at least one millisecond");
	}

	/**
	 * Create settings with bulk sync on.
	 * @param maxTextMessageSize the largest text message in bytes, positive
	 * @param reconnect the reconnect policy
	 * @param hydrationConcurrency the number of parallel fetches per cache, positive
	 * @param connectTimeout the connect timeout, positive
	 * @param pingInterval the ping interval, positive, or zero to disable pings
	 */
	public WebsocketSettings(int maxTextMessageSize, ReconnectSettings reconnect, int hydrationConcurrency,
			Duration connectTimeout, Duration pingInterval) {
		this(maxTextMessageSize, reconnect, hydrationConcurrency, connectTimeout, pingInterval, true);
	}

	/**
	 * Return the defaults: 16 MiB messages, {@link ReconnectSettings#defaults()}, 8 parallel
	 * fetches per cache, 5s connect timeout, a ping every 15s, bulk sync on.
	 * @return the default settings
	 */
	public static WebsocketSettings defaults() {
		return new WebsocketSettings(DEFAULT_MAX_TEXT_MESSAGE_SIZE, ReconnectSettings.defaults(), 8,
				Duration.ofSeconds(5), DEFAULT_PING_INTERVAL, true);
	}

	/**
	 * Return whether open sockets send pings to detect a vanished Pieces OS.
	 * @return {@code false} if the {@link #pingInterval()} is zero
	 */
	public boolean pingEnabled() {
		return !this.pingInterval.isZero();
	}

	/**
	 * Return a copy with another message size limit.
	 * @param maxTextMessageSize the largest text message in bytes
	 * @return a new settings instance
	 */
	public WebsocketSettings withMaxTextMessageSize(int maxTextMessageSize) {
		return new WebsocketSettings(maxTextMessageSize, this.reconnect, this.hydrationConcurrency, this.connectTimeout,
				this.pingInterval, this.bulkSync);
	}

	/**
	 * Return a copy with another reconnect policy.
	 * @param reconnect the reconnect policy
	 * @return a new settings instance
	 */
	public WebsocketSettings withReconnect(ReconnectSettings reconnect) {
		return new WebsocketSettings(this.maxTextMessageSize, reconnect, this.hydrationConcurrency, this.connectTimeout,
				this.pingInterval, this.bulkSync);
	}

	/**
	 * Return a copy with another hydration concurrency.
	 * @param hydrationConcurrency the number of parallel fetches per cache
	 * @return a new settings instance
	 */
	public WebsocketSettings withHydrationConcurrency(int hydrationConcurrency) {
		return new WebsocketSettings(this.maxTextMessageSize, this.reconnect, hydrationConcurrency, this.connectTimeout,
				this.pingInterval, this.bulkSync);
	}

	/**
	 * Return a copy with another connect timeout.
	 * @param connectTimeout the connect timeout
	 * @return a new settings instance
	 */
	public WebsocketSettings withConnectTimeout(Duration connectTimeout) {
		return new WebsocketSettings(this.maxTextMessageSize, this.reconnect, this.hydrationConcurrency, connectTimeout,
				this.pingInterval, this.bulkSync);
	}

	/**
	 * Return a copy with another ping interval.
	 * @param pingInterval the ping interval, or {@link Duration#ZERO} to disable pings
	 * @return a new settings instance
	 */
	public WebsocketSettings withPingInterval(Duration pingInterval) {
		return new WebsocketSettings(this.maxTextMessageSize, this.reconnect, this.hydrationConcurrency,
				this.connectTimeout, pingInterval, this.bulkSync);
	}

	/**
	 * Return a copy with bulk sync on or off.
	 * @param bulkSync whether caches read whole collections in one request
	 * @return a new settings instance
	 */
	public WebsocketSettings withBulkSync(boolean bulkSync) {
		return new WebsocketSettings(this.maxTextMessageSize, this.reconnect, this.hydrationConcurrency,
				this.connectTimeout, this.pingInterval, bulkSync);
	}

}
