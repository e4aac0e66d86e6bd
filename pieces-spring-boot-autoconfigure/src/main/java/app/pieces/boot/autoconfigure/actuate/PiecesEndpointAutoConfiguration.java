package app.pieces.boot.autoconfigure.actuate;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import app.pieces.boot.actuate.PiecesEndpoint;
import app.pieces.boot.actuate.PiecesInfoContributor;
import app.pieces.boot.autoconfigure.health.PiecesHealthContributorAutoConfiguration;
import app.pieces.boot.health.PiecesHealthIndicator;
import app.pieces.boot.autoconfigure.PiecesAutoConfiguration;
import app.pieces.boot.autoconfigure.PiecesConnectionDetails;
import app.pieces.boot.autoconfigure.PiecesProperties;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.websocket.PiecesWebsocketManager;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@code pieces} Actuator endpoint
 * ({@link PiecesEndpoint}) when Actuator is on the class path and the endpoint is available (exposed, e.g.
 * {@code management.endpoints.web.exposure.include=health,pieces}), and of the {@code pieces} part of
 * {@code /actuator/info} ({@link PiecesInfoContributor}, switched by {@code management.info.pieces.enabled}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { PiecesAutoConfiguration.class, PiecesHealthContributorAutoConfiguration.class })
@ConditionalOnClass({ PiecesEndpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(PiecesWebsocketManager.class)
public final class PiecesEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(PiecesEndpoint.class)
	PiecesEndpoint piecesEndpoint(PiecesWebsocketManager piecesWebsocketManager,
			ObjectProvider<PiecesProperties> properties, ObjectProvider<PiecesConnectionDetails> connectionDetails,
			ObjectProvider<PiecesCopilot> copilot) {
		return new PiecesEndpoint(piecesWebsocketManager, describe(properties.getIfAvailable(PiecesProperties::new),
				connectionDetails.getIfUnique()), copilot.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnEnabledInfoContributor("pieces")
	PiecesInfoContributor piecesInfoContributor(ObjectProvider<PiecesHealthIndicator> healthIndicator) {
		return new PiecesInfoContributor(healthIndicator.getIfUnique());
	}

	private static String describe(PiecesProperties properties, @Nullable PiecesConnectionDetails connectionDetails) {
		if (properties.getBaseUrl() != null) {
			return "fixed (pieces.base-url)";
		}
		if (connectionDetails != null && connectionDetails.getBaseUrl() != null) {
			return "fixed (a PiecesConnectionDetails bean)";
		}
		PiecesProperties.Discovery discovery = properties.getDiscovery();
		return (discovery.isPortFilesEnabled() ? "port files, then " : "") + "ports " + discovery.getFirstPort() + ".."
				+ discovery.getLastPort() + (discovery.isLegacyPorts() ? ", then legacy ports 1000 and 5323" : "");
	}

}
