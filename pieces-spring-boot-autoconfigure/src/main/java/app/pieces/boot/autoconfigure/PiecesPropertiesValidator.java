package app.pieces.boot.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import app.pieces.client.PiecesVersion;

/**
 * Checks {@link PiecesProperties} before anything is built from them, so that a bad setting stops the start-up the
 * Boot way ("APPLICATION FAILED TO START", the property, its value and what to do) instead of a stack trace
 * naming a Java field deep in the client.
 */
final class PiecesPropertiesValidator {

	private PiecesPropertiesValidator() {
	}

	static void validate(PiecesProperties properties) {
		baseUrl(properties.getBaseUrl());
		positive("pieces.connect-timeout", properties.getConnectTimeout());
		positive("pieces.read-timeout", properties.getReadTimeout());
		PiecesProperties.Discovery discovery = properties.getDiscovery();
		port("pieces.discovery.first-port", discovery.getFirstPort());
		port("pieces.discovery.last-port", discovery.getLastPort());
		if (discovery.getLastPort() < discovery.getFirstPort()) {
			throw new InvalidConfigurationPropertyValueException("pieces.discovery.last-port", discovery.getLastPort(),
					"It must not be below pieces.discovery.first-port (" + discovery.getFirstPort()
							+ "); Pieces OS uses 39300 to 39333.");
		}
		PiecesProperties.VersionCheck versionCheck = properties.getVersionCheck();
		PiecesVersion min = version("pieces.version-check.min-version", versionCheck.getMinVersion());
		PiecesVersion max = version("pieces.version-check.max-version", versionCheck.getMaxVersion());
		if (min.compareTo(max) >= 0) {
			throw new InvalidConfigurationPropertyValueException("pieces.version-check.max-version",
					versionCheck.getMaxVersion(), "It must be above pieces.version-check.min-version ("
							+ versionCheck.getMinVersion() + "): the supported range is [min, max).");
		}
		PiecesProperties.Reconnect reconnect = properties.getReconnect();
		positive("pieces.reconnect.initial-interval", reconnect.getInitialInterval());
		positive("pieces.reconnect.max-interval", reconnect.getMaxInterval());
		if (reconnect.getMaxInterval().compareTo(reconnect.getInitialInterval()) < 0) {
			throw new InvalidConfigurationPropertyValueException("pieces.reconnect.max-interval",
					reconnect.getMaxInterval(), "It must not be below pieces.reconnect.initial-interval ("
							+ reconnect.getInitialInterval() + ").");
		}
		if (!(reconnect.getMultiplier() >= 1)) {
			throw new InvalidConfigurationPropertyValueException("pieces.reconnect.multiplier",
					reconnect.getMultiplier(), "It must be at least 1 (the delay grows by it after each attempt).");
		}
		if (reconnect.getJitter().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("pieces.reconnect.jitter", reconnect.getJitter(),
					"It must not be negative (0 for none).");
		}
		if (reconnect.getMaxAttempts() < 1) {
			throw new InvalidConfigurationPropertyValueException("pieces.reconnect.max-attempts",
					reconnect.getMaxAttempts(), "It must be at least 1 (set pieces.reconnect.enabled=false for none).");
		}
		if (properties.getCache().getHydrationConcurrency() < 1) {
			throw new InvalidConfigurationPropertyValueException("pieces.cache.hydration-concurrency",
					properties.getCache().getHydrationConcurrency(), "It must be at least 1.");
		}
		positive("pieces.copilot.timeout", properties.getCopilot().getTimeout());
		if (properties.getStreams().getPingInterval().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("pieces.streams.ping-interval",
					properties.getStreams().getPingInterval(), "It must not be negative (0 switches pings off).");
		}
		// pieces.events.backlog-warning-threshold: checked by the event bridge, which names it
	}

	private static void baseUrl(@Nullable String baseUrl) {
		if (baseUrl == null) {
			return;
		}
		String reason = null;
		try {
			URI uri = new URI(baseUrl.trim());
			if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
				reason = "It must be an http or https URL";
			}
			else if (uri.getHost() == null) {
				reason = "It has no host";
			}
			else if (uri.getPort() == 0 || uri.getPort() > 65535) {
				reason = "Its port must be between 1 and 65535";
			}
		}
		catch (URISyntaxException ex) {
			reason = "It is not a URL (" + ex.getReason() + ")";
		}
		if (reason != null) {
			throw new InvalidConfigurationPropertyValueException("pieces.base-url", baseUrl,
					reason + ", e.g. http://127.0.0.1:39300. Leave it unset to find Pieces OS by itself.");
		}
	}

	private static void positive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(name, value, "It must be a positive duration, e.g. 5s.");
		}
	}

	private static void port(String name, int port) {
		if (port < 1 || port > 65535) {
			throw new InvalidConfigurationPropertyValueException(name, port,
					"It must be a port between 1 and 65535; Pieces OS uses 39300 to 39333.");
		}
	}

	private static PiecesVersion version(String name, String value) {
		try {
			return PiecesVersion.parse(value);
		}
		catch (RuntimeException ex) {
			throw new InvalidConfigurationPropertyValueException(name, value,
					"It must be a version such as 12.0.0 (" + ex.getMessage() + ").");
		}
	}

}
