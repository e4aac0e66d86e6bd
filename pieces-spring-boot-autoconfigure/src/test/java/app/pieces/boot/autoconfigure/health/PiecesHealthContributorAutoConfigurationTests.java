package app.pieces.boot.autoconfigure.health;

import java.io.IOException;
import java.net.ServerSocket;

import app.pieces.boot.autoconfigure.PiecesAutoConfiguration;
import app.pieces.boot.health.PiecesHealthIndicator;
import app.pieces.websocket.PiecesWebsocketManager;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PiecesHealthContributorAutoConfiguration}.
 */
class PiecesHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PiecesAutoConfiguration.class,
				PiecesHealthContributorAutoConfiguration.class))
		.withPropertyValues("pieces.base-url=http://127.0.0.1:" + freePort(), "pieces.streams.auto-startup=false");

	@Test
	void indicatorWhenHealthIsPresentShouldBeCreated() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(PiecesHealthIndicator.class));
	}

	@Test
	void indicatorShouldBeRegisteredAsThePiecesContributor() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(HealthContributorRegistry.class).getContributor("pieces"))
				.isSameAs(context.getBean(PiecesHealthIndicator.class)));
	}

	@Test
	void indicatorWhenSwitchedOffShouldBeAbsent() {
		this.contextRunner.withPropertyValues("management.health.pieces.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PiecesHealthIndicator.class));
	}

	@Test
	void indicatorWhenDefaultIndicatorsAreOffShouldBeAbsent() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PiecesHealthIndicator.class));
	}

	@Test
	void indicatorWhenSpringBootHealthIsAbsentShouldBeAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PiecesHealthIndicator.class)
				.hasSingleBean(PiecesWebsocketManager.class));
	}

	@Test
	void indicatorWhenPiecesIsDisabledShouldBeAbsent() {
		this.contextRunner.withPropertyValues("pieces.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PiecesHealthIndicator.class));
	}

	@Test
	void indicatorWhenDefinedByUserShouldBackOff() {
		this.contextRunner.withUserConfiguration(UserIndicatorConfiguration.class).run((context) -> {
				assertThat(context).hasSingleBean(PiecesHealthIndicator.class);
				assertThat(context).getBean("userIndicator").isSameAs(context.getBean(PiecesHealthIndicator.class));
			});
	}

	@Test
	void healthWhenStreamsAreNotStartedShouldBeDown() {
		this.contextRunner.run((context) -> {
			Health health = context.getBean(PiecesHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("reason").toString()).contains("not running");
		});
	}

	@Test
	void healthWhenPiecesOsIsUnreachableShouldBeDownWithTheReason() {
		this.contextRunner.withPropertyValues("pieces.streams.auto-startup=true").run((context) -> {
			PiecesHealthIndicator indicator = context.getBean(PiecesHealthIndicator.class);
			await().untilAsserted(() -> {
				Health health = indicator.health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails().get("reason").toString()).startsWith("Pieces OS unreachable: ");
			});
			Health health = indicator.health();
			assertThat(health.getDetails()).containsKeys("baseUrl", "version", "streams", "caches");
			assertThat(health.getDetails()).doesNotContainKey("signedIn");
			assertThat(health.getDetails().get("version")).isEqualTo("unknown");
		});
	}

	@Test
	void healthShouldReportTheEventsBacklog() {
		this.contextRunner.run((context) -> assertThat(
				context.getBean(PiecesHealthIndicator.class).health().getDetails())
			.containsEntry("eventsPending", 0));
	}

	@Test
	void healthWhenEventsAreSwitchedOffShouldNotReportAnEventsBacklog() {
		this.contextRunner.withPropertyValues("pieces.events.enabled=false")
			.run((context) -> assertThat(context.getBean(PiecesHealthIndicator.class).health().getDetails())
				.containsKey("streams")
				.doesNotContainKey("eventsPending"));
	}

	@Test
	void healthWhenHealthStreamIsSwitchedOffShouldBeUnknown() {
		this.contextRunner.withPropertyValues("pieces.streams.health.enabled=false").run((context) -> {
			Health health = context.getBean(PiecesHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(health.getDetails().get("reason").toString()).contains("pieces.streams.health.enabled");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserIndicatorConfiguration {

		@Bean
		PiecesHealthIndicator userIndicator(PiecesWebsocketManager manager) {
			return new PiecesHealthIndicator(manager);
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
