package app.pieces.boot.autoconfigure.metrics;

import java.io.IOException;
import java.net.ServerSocket;

import java.util.concurrent.TimeUnit;

import app.pieces.boot.autoconfigure.PiecesAutoConfiguration;
import app.pieces.boot.event.PiecesEventBridge;
import app.pieces.boot.metrics.PiecesMeterBinder;
import app.pieces.websocket.PiecesStream;
import app.pieces.websocket.PiecesWebsocketManager;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PiecesMetricsAutoConfiguration}.
 */
class PiecesMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PiecesAutoConfiguration.class, PiecesMetricsAutoConfiguration.class))
		.withPropertyValues("pieces.base-url=http://127.0.0.1:" + freePort(), "pieces.streams.auto-startup=false");

	@Test
	void binderWhenMeterRegistryIsPresentShouldBeCreated() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(context).hasSingleBean(PiecesMeterBinder.class));
	}

	@Test
	void binderWhenNoMeterRegistryShouldBeAbsent() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(PiecesMeterBinder.class)
			.hasSingleBean(PiecesWebsocketManager.class));
	}

	@Test
	void binderWhenMicrometerIsAbsentShouldBeAbsent() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PiecesMeterBinder.class)
				.hasSingleBean(PiecesWebsocketManager.class));
	}

	@Test
	void eventBridgeWhenMicrometerIsAbsentShouldStillBeCreated() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PiecesMeterBinder.class)
				.hasSingleBean(PiecesEventBridge.class));
	}

	@Test
	void eventMetersWhenEventsAreSwitchedOffShouldExistAndReadZero() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, PiecesAutoConfiguration.class,
					PiecesMetricsAutoConfiguration.class))
			.withPropertyValues("pieces.base-url=http://127.0.0.1:" + freePort(), "pieces.streams.auto-startup=false",
					"pieces.events.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PiecesEventBridge.class).hasSingleBean(PiecesMeterBinder.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(PiecesMeterBinder.EVENTS_PENDING).gauge().value()).isZero();
				assertThat(registry.get(PiecesMeterBinder.EVENTS_PUBLISHED).functionCounter().count()).isZero();
				assertThat(registry.get(PiecesMeterBinder.EVENTS_LAG).timeGauge().value()).isZero();
			});
	}

	@Test
	void binderWhenPiecesIsDisabledShouldBeAbsent() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("pieces.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PiecesMeterBinder.class));
	}

	@Test
	void binderWhenDefinedByUserShouldBackOff() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withUserConfiguration(UserBinderConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(PiecesMeterBinder.class);
				assertThat(context).getBean("userBinder").isSameAs(context.getBean(PiecesMeterBinder.class));
			});
	}

	@Test
	void metersWhenBoundByBootShouldExistForEveryStreamAndCacheWithTheSameTagKeys() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, PiecesAutoConfiguration.class,
					PiecesMetricsAutoConfiguration.class))
			.withPropertyValues("pieces.base-url=http://127.0.0.1:" + freePort(), "pieces.streams.auto-startup=false")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				for (PiecesStream stream : PiecesStream.values()) {
					assertThat(registry.get(PiecesMeterBinder.CONNECTED).tag("stream", stream.tag()).gauge().value())
						.isZero();
					assertThat(registry.get(PiecesMeterBinder.FRAMES)
						.tag("stream", stream.tag())
						.tag("outcome", "processed")
						.counter()
						.count()).isZero();
					assertThat(registry.get(PiecesMeterBinder.RECONNECTS).tag("stream", stream.tag()).counter())
						.isNotNull();
				}
				for (String cache : new String[] { "assets", "conversations" }) {
					assertThat(registry.get(PiecesMeterBinder.CACHE_SIZE).tag("cache", cache).gauge().value()).isZero();
					assertThat(registry.get(PiecesMeterBinder.CACHE_HYDRATION).tag("cache", cache).timer().count())
						.isZero();
				}
				assertTagKeys(registry, PiecesMeterBinder.FRAMES, "stream", "outcome");
				assertTagKeys(registry, PiecesMeterBinder.CONNECTED, "stream");
				assertTagKeys(registry, PiecesMeterBinder.RECONNECTS, "stream");
				assertTagKeys(registry, PiecesMeterBinder.CACHE_SIZE, "cache");
				assertTagKeys(registry, PiecesMeterBinder.CACHE_HYDRATION, "cache", "path");
				// as documented: the error counters appear with the first error
				assertThat(registry.find(PiecesMeterBinder.ERRORS).meters()).isEmpty();
				assertThat(registry.get(PiecesMeterBinder.EVENTS_PENDING).gauge().value()).isZero();
				assertThat(registry.get(PiecesMeterBinder.EVENTS_PUBLISHED).functionCounter().count()).isZero();
				assertThat(registry.get(PiecesMeterBinder.EVENTS_LAG).timeGauge().value(TimeUnit.SECONDS)).isZero();
				assertThat(registry.get(PiecesMeterBinder.EVENTS_LAG).timeGauge().baseTimeUnit())
					.isEqualTo(TimeUnit.SECONDS);
				for (String name : new String[] { PiecesMeterBinder.EVENTS_PENDING, PiecesMeterBinder.EVENTS_PUBLISHED,
						PiecesMeterBinder.EVENTS_LAG }) {
					assertThat(registry.find(name).meters()).singleElement()
						.satisfies((meter) -> assertThat(meter.getId().getTags()).isEmpty());
				}
			});
	}

	@Test
	void metersWhenPiecesOsIsDownShouldCountReconnectsAndErrorsWithStableTags() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, PiecesAutoConfiguration.class,
					PiecesMetricsAutoConfiguration.class))
			.withPropertyValues("pieces.base-url=http://127.0.0.1:" + freePort(),
					"pieces.reconnect.initial-interval=20ms", "pieces.reconnect.max-interval=50ms")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().untilAsserted(() -> assertThat(
						registry.get(PiecesMeterBinder.RECONNECTS).tag("stream", "health").counter().count())
					.isGreaterThanOrEqualTo(2));
				assertThat(registry.get(PiecesMeterBinder.CONNECTED).tag("stream", "health").gauge().value()).isZero();
				assertTagKeys(registry, PiecesMeterBinder.RECONNECTS, "stream");
				// every failed connect is reported as an error of its stream
				await().untilAsserted(() -> assertThat(
						registry.find(PiecesMeterBinder.ERRORS).tag("stream", "health").counters())
					.isNotEmpty());
				assertTagKeys(registry, PiecesMeterBinder.ERRORS, "stream", "exception");
				assertThat(registry.find(PiecesMeterBinder.ERRORS).counters())
					.allSatisfy((counter) -> assertThat(counter.count()).isPositive());
			});
	}

	private static void assertTagKeys(MeterRegistry registry, String name, String... keys) {
		assertThat(registry.find(name).meters()).isNotEmpty().allSatisfy((Meter meter) -> assertThat(
				meter.getId().getTags()).extracting("key").containsExactlyInAnyOrder((Object[]) keys));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBinderConfiguration {

		@Bean
		PiecesMeterBinder userBinder(PiecesWebsocketManager manager) {
			return new PiecesMeterBinder(manager);
		}

	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
