package app.pieces.boot.test;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import app.pieces.boot.autoconfigure.PiecesAutoConfiguration;
import app.pieces.boot.autoconfigure.PiecesConnectionDetails;
import app.pieces.simulator.PiecesOsSimulator;

/**
 * The auto-configuration {@link AutoConfigurePiecesOsSimulator} imports: a started {@link PiecesOsSimulator}
 * (closed with the context) and {@link PiecesConnectionDetails} pointing at it, ahead of the Pieces
 * auto-configuration.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = PiecesAutoConfiguration.class)
public final class PiecesOsSimulatorTestAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	PiecesOsSimulator piecesOsSimulator(Environment environment) {
		return PiecesOsSimulator.builder()
			.port(0)
			.assets(environment.getProperty("pieces.test.simulator.assets", Integer.class, 12))
			.conversations(environment.getProperty("pieces.test.simulator.conversations", Integer.class, 3))
			.chunkDelay(environment.getProperty("pieces.test.simulator.chunk-delay", Duration.class, Duration.ZERO))
			.build()
			.start();
	}

	@Bean
	PiecesConnectionDetails piecesOsSimulatorConnectionDetails(PiecesOsSimulator piecesOsSimulator) {
		URI baseUrl = URI.create(piecesOsSimulator.baseUrl());
		return () -> baseUrl;
	}

}
