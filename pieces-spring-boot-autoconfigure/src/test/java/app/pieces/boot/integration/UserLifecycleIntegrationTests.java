package app.pieces.boot.integration;

import java.util.List;

import app.pieces.boot.autoconfigure.PiecesAutoConfiguration;
import app.pieces.boot.autoconfigure.PiecesWebsocketLifecycle;
import app.pieces.boot.autoconfigure.metrics.PiecesMetricsAutoConfiguration;
import app.pieces.boot.event.PiecesWebsocketConnectedEvent;
import app.pieces.boot.metrics.PiecesMeterBinder;
import app.pieces.simulator.PiecesOsSimulatorExtension;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.PiecesStream;
import app.pieces.websocket.PiecesWebsocketManager;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for an application that defines its own {@link PiecesWebsocketLifecycle}: the
 * auto-configured observers (event bridge, health indicator, meter binder) must still see the
 * websockets.
 */
class UserLifecycleIntegrationTests {

	@RegisterExtension
	static final PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(2).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, PiecesAutoConfiguration.class,
				PiecesMetricsAutoConfiguration.class))
		.withBean(EventRecorder.class)
		.withUserConfiguration(UserLifecycleConfiguration.class);

	@Test
	void observersWhenLifecycleIsDefinedByUserShouldStillPublishEventsAndMoveMeters() {
		this.contextRunner.withPropertyValues("pieces.base-url=" + pieces.simulator().baseUrl()).run((context) -> {
			assertThat(context).hasSingleBean(PiecesWebsocketLifecycle.class);
			assertThat(context).getBean(PiecesWebsocketLifecycle.class).isSameAs(context.getBean("userLifecycle"));
			EventRecorder recorder = context.getBean(EventRecorder.class);
			await().untilAsserted(() -> assertThat(recorder.of(PiecesWebsocketConnectedEvent.class))
				.extracting(PiecesWebsocketConnectedEvent::getStream)
				.contains(PiecesStream.HEALTH));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(() -> assertThat(
					registry.get(PiecesMeterBinder.FRAMES).tag("stream", "health").tag("outcome", "processed")
						.counter()
						.count())
				.isPositive());
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserLifecycleConfiguration {

		@Bean
		PiecesWebsocketLifecycle userLifecycle(PiecesWebsocketManager manager, List<BaseWebsocket<?>> websockets) {
			return new PiecesWebsocketLifecycle(manager, websockets, List.of(), true, 0);
		}

	}

}
