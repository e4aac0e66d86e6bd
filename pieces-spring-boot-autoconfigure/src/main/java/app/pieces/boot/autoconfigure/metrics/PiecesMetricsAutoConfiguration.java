package app.pieces.boot.autoconfigure.metrics;

import app.pieces.boot.autoconfigure.PiecesAutoConfiguration;
import app.pieces.boot.event.PiecesEventBridge;
import app.pieces.boot.metrics.PiecesMeterBinder;
import app.pieces.websocket.PiecesWebsocketManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link PiecesMeterBinder}: the Pieces
 * OS meters (websockets, caches and the backlog of the {@link PiecesEventBridge}), when
 * Micrometer is on the classpath and a {@link MeterRegistry} is configured.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = PiecesAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, MeterBinder.class })
@ConditionalOnBean({ MeterRegistry.class, PiecesWebsocketManager.class })
public final class PiecesMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PiecesMeterBinder piecesMeterBinder(PiecesWebsocketManager piecesWebsocketManager,
			ObjectProvider<PiecesEventBridge> piecesEventBridge) {
		return new PiecesMeterBinder(piecesWebsocketManager, piecesEventBridge.getIfUnique());
	}

}
