package app.pieces.sample.simulator;

import java.net.URI;

import app.pieces.boot.autoconfigure.PiecesConnectionDetails;
import app.pieces.simulator.PiecesOsSimulator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Under the {@code simulator} profile, runs a {@link PiecesOsSimulator} inside the
 * application and points the starter at it.
 * <p>
 * How the starter finds the simulator: the simulator bean is started in its factory method
 * (so that its random port is known) and a {@link PiecesConnectionDetails} bean gives the
 * simulator's base URL, replacing the one the {@code pieces.*} properties describe, as Boot's
 * connection details do for other services. That bean depends on the simulator bean, so the
 * simulator is always listening before the client exists, without any ordering trick (an
 * {@code EnvironmentPostProcessor} would have to start a server before the application context
 * exists and could not hand it to Spring to close). Fixing the base URL
 * also switches port discovery off, so a real Pieces OS on the same machine is never picked by
 * mistake. The simulator is closed with the application context (the websockets are closed
 * before, as they stop early in the lifecycle).
 * <p>
 * Limitation: the base URL is fixed when the client is built, so if the simulator restarts on
 * another port ({@code restart(downtime, newPort)}) the streams keep retrying the old address.
 * To watch the starter rediscover a moved Pieces OS, run the simulator jar on a port in
 * 39300-39333 and the sample without this profile (see the sample's README).
 *
 * @author Pieces starter team
 */
@Configuration(proxyBeanMethods = false)
@Profile("simulator")
@EnableConfigurationProperties(SimulatorProperties.class)
public class EmbeddedSimulatorConfiguration {

	private static final Log logger = LogFactory.getLog(EmbeddedSimulatorConfiguration.class);

	@Bean(destroyMethod = "close")
	PiecesOsSimulator piecesOsSimulator(SimulatorProperties properties) {
		PiecesOsSimulator simulator = PiecesOsSimulator.builder()
			.port(properties.port())
			.assets(properties.assets())
			.conversations(properties.conversations())
			.chunkDelay(properties.chunkDelay())
			.build()
			.start();
		logger.info("Embedded Pieces OS simulator listening on " + simulator.baseUrl() + " (profile 'simulator', "
				+ properties.assets() + " demo assets, " + properties.conversations() + " conversations)");
		return simulator;
	}

	@Bean
	PiecesConnectionDetails simulatorConnectionDetails(PiecesOsSimulator piecesOsSimulator) {
		URI baseUrl = URI.create(piecesOsSimulator.baseUrl());
		return () -> baseUrl;
	}

}
