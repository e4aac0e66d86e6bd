package app.pieces.boot.autoconfigure.health;

import app.pieces.boot.autoconfigure.PiecesAutoConfiguration;
import app.pieces.boot.autoconfigure.PiecesProperties;
import app.pieces.boot.event.PiecesEventBridge;
import app.pieces.boot.health.PiecesHealthIndicator;
import app.pieces.websocket.PiecesWebsocketManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link PiecesHealthIndicator}: a
 * {@code pieces} health contributor when {@code spring-boot-health} is on the classpath,
 * switched by {@code management.health.pieces.enabled}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = PiecesAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(PiecesWebsocketManager.class)
@ConditionalOnEnabledHealthIndicator("pieces")
public final class PiecesHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PiecesHealthIndicator piecesHealthIndicator(PiecesWebsocketManager piecesWebsocketManager,
			ObjectProvider<PiecesProperties> properties, ObjectProvider<PiecesEventBridge> piecesEventBridge) {
		PiecesProperties piecesProperties = properties.getIfAvailable(PiecesProperties::new);
		return new PiecesHealthIndicator(piecesWebsocketManager, piecesProperties.getVersionCheck().isEnabled(),
				piecesEventBridge.getIfUnique());
	}

}
