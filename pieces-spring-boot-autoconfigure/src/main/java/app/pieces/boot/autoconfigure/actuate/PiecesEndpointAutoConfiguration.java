package app.pieces.boot.autoconfigure.actuate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import app.pieces.boot.actuate.PiecesEndpoint;
import app.pieces.boot.autoconfigure.PiecesAutoConfiguration;
import app.pieces.boot.autoconfigure.PiecesProperties;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.websocket.PiecesWebsocketManager;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@code pieces} Actuator endpoint
 * ({@link PiecesEndpoint}) when Actuator is on the class path and the endpoint is available (exposed, e.g.
 * {@code management.endpoints.web.exposure.include=health,pieces}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = PiecesAutoConfiguration.class)
@ConditionalOnClass({ PiecesEndpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(PiecesWebsocketManager.class)
@ConditionalOnAvailableEndpoint(PiecesEndpoint.class)
public final class PiecesEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PiecesEndpoint piecesEndpoint(PiecesWebsocketManager piecesWebsocketManager,
			ObjectProvider<PiecesProperties> properties, ObjectProvider<PiecesCopilot> copilot) {
		return new PiecesEndpoint(piecesWebsocketManager, describe(properties.getIfAvailable(PiecesProperties::new)),
				copilot.getIfUnique());
	}

	private static String describe(PiecesProperties properties) {
		if (properties.getBaseUrl() != null) {
			return "fixed (pieces.base-url)";
		}
		PiecesProperties.Discovery discovery = properties.getDiscovery();
		return (discovery.isPortFilesEnabled() ? "port files, then " : "") + "ports " + discovery.getFirstPort() + ".."
				+ discovery.getLastPort() + (discovery.isLegacyPorts() ? ", then legacy ports 1000 and 5323" : "");
	}

}
