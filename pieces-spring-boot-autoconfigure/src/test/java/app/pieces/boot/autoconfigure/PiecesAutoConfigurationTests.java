package app.pieces.boot.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import app.pieces.boot.event.PiecesEventBridge;
import app.pieces.simulator.PiecesOsSimulator;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import app.pieces.client.PiecesAssets;
import app.pieces.client.PiecesClient;
import app.pieces.client.PiecesConversations;
import app.pieces.client.PiecesWorkstream;
import app.pieces.model.Anchor;
import app.pieces.copilot.CopilotSettings;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.AuthWS;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.ConnectionState;
import app.pieces.websocket.ConversationWS;
import app.pieces.websocket.HealthWS;
import app.pieces.websocket.IdentifiersWebsocket;
import app.pieces.websocket.LTMVisionWS;
import app.pieces.websocket.PiecesStream;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.ClientEvent;
import app.pieces.websocket.ClientEventListener;
import app.pieces.websocket.WebsocketSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PiecesAutoConfiguration}.
 */
class PiecesAutoConfigurationTests {

	private static final Map<PiecesStream, Class<?>> STREAM_TYPES = Map.of(PiecesStream.HEALTH, HealthWS.class,
			PiecesStream.USER, AuthWS.class, PiecesStream.ASSETS, AssetsIdentifiersWS.class, PiecesStream.CONVERSATIONS,
			ConversationWS.class, PiecesStream.QGPT, AskStreamWS.class, PiecesStream.LTM_VISION, LTMVisionWS.class);

	// the streams without a socket type of their own are generic identifier sockets, told apart by bean name
	private static final Map<PiecesStream, String> GENERIC_STREAM_BEANS = Map.of(PiecesStream.ANCHORS,
			"piecesAnchorsWebsocket", PiecesStream.RANGES, "piecesRangesWebsocket", PiecesStream.WORKSTREAM_SUMMARIES,
			"piecesWorkstreamSummariesWebsocket");

	private final String unusedBaseUrl = "http://127.0.0.1:" + freePort();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PiecesAutoConfiguration.class))
		.withPropertyValues("pieces.base-url=" + this.unusedBaseUrl, "pieces.streams.auto-startup=false",
				"pieces.streams.summaries.enabled=true");

	@Test
	void autoConfigurationWhenDefaultShouldCreateClientManagerEveryWebsocketBridgeAndLifecycle() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(PiecesProperties.class)
				.hasSingleBean(PiecesClient.class)
				.hasSingleBean(PiecesWebsocketManager.class)
				.hasSingleBean(PiecesEventBridge.class)
				.hasSingleBean(PiecesWebsocketLifecycle.class);
			for (Class<?> type : STREAM_TYPES.values()) {
				assertThat(context).hasSingleBean(type);
			}
			GENERIC_STREAM_BEANS.forEach((stream, name) -> assertThat(context.getBean(name, BaseWebsocket.class).stream())
				.isEqualTo(stream));
			PiecesWebsocketManager manager = context.getBean(PiecesWebsocketManager.class);
			assertThat(manager.sockets()).extracting(BaseWebsocket::stream)
				.containsExactlyInAnyOrder(PiecesStream.values());
			assertThat(manager.client()).isSameAs(context.getBean(PiecesClient.class));
			assertThat(context.getBean(PiecesAssets.class)).isSameAs(context.getBean(PiecesClient.class).assets());
			assertThat(context.getBean(PiecesConversations.class))
				.isSameAs(context.getBean(PiecesClient.class).conversations());
		});
	}

	@Test
	void autoConfigurationWhenDisabledShouldCreateNothing() {
		this.contextRunner.withPropertyValues("pieces.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(PiecesClient.class)
				.doesNotHaveBean(PiecesWebsocketManager.class)
				.doesNotHaveBean(BaseWebsocket.class)
				.doesNotHaveBean(PiecesEventBridge.class)
				.doesNotHaveBean(PiecesWebsocketLifecycle.class)
				.doesNotHaveBean(PiecesProperties.class);
		});
	}

	@Test
	void eventsWhenSwitchedOffShouldRegisterNoBridgeButKeepTheStreams() {
		this.contextRunner.withPropertyValues("pieces.events.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(PiecesEventBridge.class)
				.hasSingleBean(PiecesWebsocketManager.class)
				.hasSingleBean(PiecesWebsocketLifecycle.class);
			assertThat(context.getBean(PiecesWebsocketManager.class).sockets()).extracting(BaseWebsocket::stream)
				.containsExactlyInAnyOrder(PiecesStream.values());
		});
	}

	@Test
	void bridgeShouldUseTheConfiguredBacklogWarningThreshold() {
		this.contextRunner.withPropertyValues("pieces.events.backlog-warning-threshold=42")
			.run((context) -> assertThat(context.getBean(PiecesEventBridge.class).getBacklogWarningThreshold())
				.isEqualTo(42));
	}

	@Test
	void bridgeWhenDefaultShouldUseTheDefaultOfTheProperties() {
		this.contextRunner.run((context) -> assertThat(context.getBean(PiecesEventBridge.class)
			.getBacklogWarningThreshold()).isEqualTo(new PiecesProperties().getEvents().getBacklogWarningThreshold())
			.isEqualTo(PiecesEventBridge.DEFAULT_BACKLOG_WARNING_THRESHOLD));
	}

	@ParameterizedTest
	@EnumSource(PiecesStream.class)
	void streamWhenSwitchedOffShouldHaveNoBeanAndNoSocket(PiecesStream stream) {
		this.contextRunner.withPropertyValues("pieces.streams." + stream.tag() + ".enabled=false").run((context) -> {
			if (STREAM_TYPES.containsKey(stream)) {
				assertThat(context).doesNotHaveBean(STREAM_TYPES.get(stream));
			}
			else {
				assertThat(context).doesNotHaveBean(GENERIC_STREAM_BEANS.get(stream));
			}
			assertThat(context.getBeansOfType(BaseWebsocket.class)).hasSize(PiecesStream.values().length - 1);
			assertThat(context.getBean(PiecesWebsocketManager.class).sockets()).extracting(BaseWebsocket::stream)
				.hasSize(PiecesStream.values().length - 1)
				.doesNotContain(stream);
		});
	}

	@Test
	void restCallsShouldBeObservedWithTheApplicationsRegistry() {
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder().healthInterval(Duration.ZERO).start()) {
			TestObservationRegistry registry = TestObservationRegistry.create();
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PiecesAutoConfiguration.class))
				.withPropertyValues("pieces.base-url=" + simulator.baseUrl(), "pieces.streams.auto-startup=false")
				.withBean(ObservationRegistry.class, () -> registry)
				.run((context) -> {
					assertThat(context.getBean(PiecesClient.class).version()).isEqualTo("12.3.2");
					TestObservationRegistryAssert.assertThat(registry)
						.hasObservationWithNameEqualTo("http.client.requests")
						.that()
						.hasLowCardinalityKeyValue("method", "GET");
				});
		}
	}

	@Test
	void streamsWhenDefaultShouldBeTheOfficialWrappersWithoutWorkstreamSummaries() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PiecesAutoConfiguration.class))
			.withPropertyValues("pieces.base-url=" + this.unusedBaseUrl, "pieces.streams.auto-startup=false")
			.run((context) -> {
				assertThat(context).hasBean("piecesAnchorsWebsocket")
					.hasBean("piecesRangesWebsocket")
					.doesNotHaveBean("piecesWorkstreamSummariesWebsocket")
					.hasSingleBean(PiecesWorkstream.class);
				assertThat(context.getBean(PiecesWebsocketManager.class).sockets()).extracting(BaseWebsocket::stream)
					.hasSize(PiecesStream.values().length - 1)
					.doesNotContain(PiecesStream.WORKSTREAM_SUMMARIES);
			});
	}

	@Test
	void genericStreamBeansShouldBeInjectableByTheirItemType() {
		this.contextRunner.withUserConfiguration(AnchorsConsumerConfiguration.class).run((context) -> {
			assertThat(context.getBean(AnchorsConsumer.class).anchors.stream()).isEqualTo(PiecesStream.ANCHORS);
			assertThat(context.getBean(AnchorsConsumer.class).anchors.cache().name()).isEqualTo("anchors");
		});
	}

	@Test
	void copilotWhenDefaultShouldBeBuiltOnTheCopilotStreamWithTheConfiguredSettings() {
		this.contextRunner.withPropertyValues("pieces.copilot.timeout=5s", "pieces.copilot.default-model=GPT-4o Chat")
			.run((context) -> {
				assertThat(context).hasSingleBean(PiecesCopilot.class);
				CopilotSettings settings = context.getBean(PiecesCopilot.class).settings();
				assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(settings.defaultModel()).isEqualTo("GPT-4o Chat");
			});
	}

	@Test
	void copilotWhenDefaultShouldUseTheDefaultTimeout() {
		this.contextRunner.run((context) -> assertThat(context.getBean(PiecesCopilot.class).settings().timeout())
			.isEqualTo(CopilotSettings.DEFAULT_TIMEOUT));
	}

	@Test
	void copilotWhenCopilotStreamIsSwitchedOffShouldBeAbsent() {
		this.contextRunner.withPropertyValues("pieces.streams.qgpt.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PiecesCopilot.class));
	}

	@Test
	void copilotWhenMicrometerObservationIsAbsentShouldStillBeCreated() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.observation"))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(PiecesCopilot.class));
	}

	@Test
	void copilotWhenDefinedByUserShouldBackOff() {
		this.contextRunner.withUserConfiguration(UserCopilotConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(PiecesCopilot.class);
			assertThat(context).getBean("userCopilot").isSameAs(context.getBean(PiecesCopilot.class));
		});
	}

	@Test
	void clientWhenDefinedByUserShouldWinAndBeUsedByTheManager() {
		PiecesClient userClient = PiecesClient.builder().baseUrl("http://127.0.0.1:1").build();
		this.contextRunner.withBean(PiecesClient.class, () -> userClient).run((context) -> {
			assertThat(context).hasSingleBean(PiecesClient.class);
			assertThat(context.getBean(PiecesClient.class)).isSameAs(userClient);
			assertThat(context.getBean(PiecesWebsocketManager.class).client()).isSameAs(userClient);
		});
	}

	@Test
	void beansWhenDefinedByUserShouldWin() {
		this.contextRunner.withUserConfiguration(UserBeansConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(PiecesWebsocketManager.class)
				.hasSingleBean(HealthWS.class)
				.hasSingleBean(PiecesEventBridge.class)
				.hasSingleBean(PiecesWebsocketLifecycle.class);
			assertThat(context).getBean("userManager").isSameAs(context.getBean(PiecesWebsocketManager.class));
			assertThat(context).getBean("userHealth").isSameAs(context.getBean(HealthWS.class));
			assertThat(context).getBean("userBridge").isSameAs(context.getBean(PiecesEventBridge.class));
			assertThat(context).getBean("userLifecycle").isSameAs(context.getBean(PiecesWebsocketLifecycle.class));
			assertThat(context.getBean(PiecesWebsocketLifecycle.class).getPhase()).isEqualTo(42);
		});
	}

	@Test
	void clientWhenPropertiesSetShouldUseThemAndApplyCustomizersInOrder() {
		this.contextRunner.withPropertyValues("pieces.base-url=http://127.0.0.1:39311")
			.withUserConfiguration(CustomizersConfiguration.class)
			.run((context) -> {
				PiecesClient client = context.getBean(PiecesClient.class);
				assertThat(context.getBean(CustomizersConfiguration.class).calls).containsExactly("first", "second");
				assertThat(client.baseUri()).contains(URI.create("http://127.0.0.1:39322"));
			});
	}

	@Test
	void clientWhenBaseUrlSetShouldUseIt() {
		this.contextRunner.withPropertyValues("pieces.base-url=http://127.0.0.1:39311")
			.run((context) -> assertThat(context.getBean(PiecesClient.class).baseUri())
				.contains(URI.create("http://127.0.0.1:39311")));
	}

	@Test
	void websocketSettingsWhenPropertiesSetShouldMapEveryValue() {
		PiecesProperties properties = new PiecesProperties();
		properties.getStreams().setMaxTextMessageSize(DataSize.ofKilobytes(64));
		properties.getCache().setHydrationConcurrency(3);
		properties.getCache().setBulkSync(false);
		properties.setConnectTimeout(Duration.ofMillis(1500));
		properties.getReconnect().setEnabled(false);
		properties.getReconnect().setInitialInterval(Duration.ofMillis(20));
		properties.getReconnect().setMultiplier(1.5);
		properties.getReconnect().setMaxInterval(Duration.ofSeconds(3));
		properties.getReconnect().setJitter(Duration.ofMillis(5));
		properties.getReconnect().setMaxAttempts(7);
		properties.getStreams().setPingInterval(Duration.ofMillis(250));
		WebsocketSettings settings = PiecesAutoConfiguration.websocketSettings(properties);
		assertThat(settings.maxTextMessageSize()).isEqualTo(64 * 1024);
		assertThat(settings.hydrationConcurrency()).isEqualTo(3);
		assertThat(settings.bulkSync()).isFalse();
		assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
		assertThat(settings.reconnect().enabled()).isFalse();
		assertThat(settings.reconnect().initialInterval()).isEqualTo(Duration.ofMillis(20));
		assertThat(settings.reconnect().multiplier()).isEqualTo(1.5);
		assertThat(settings.reconnect().maxInterval()).isEqualTo(Duration.ofSeconds(3));
		assertThat(settings.reconnect().jitter()).isEqualTo(Duration.ofMillis(5));
		assertThat(settings.reconnect().maxAttempts()).isEqualTo(7);
		assertThat(settings.pingInterval()).isEqualTo(Duration.ofMillis(250));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2GB", "3GB", "0B", "-1MB" })
	void websocketSettingsWhenMaxTextMessageSizeIsOutOfRangeShouldFailNamingTheProperty(String size) {
		this.contextRunner.withPropertyValues("pieces.streams.max-text-message-size=" + size)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("pieces.streams.max-text-message-size")
				.hasMessageContaining("2GB"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"pieces.base-url=not a url|pieces.base-url|not a URL",
			"pieces.base-url=http://127.0.0.1:99999|pieces.base-url|between 1 and 65535",
			"pieces.base-url=ftp://127.0.0.1:39300|pieces.base-url|http or https",
			"pieces.connect-timeout=0s|pieces.connect-timeout|positive duration",
			"pieces.read-timeout=-1s|pieces.read-timeout|positive duration",
			"pieces.reconnect.initial-interval=-1s|pieces.reconnect.initial-interval|positive duration",
			"pieces.reconnect.multiplier=0.5|pieces.reconnect.multiplier|at least 1",
			"pieces.reconnect.max-attempts=0|pieces.reconnect.max-attempts|at least 1",
			"pieces.reconnect.jitter=-5ms|pieces.reconnect.jitter|not be negative",
			"pieces.cache.hydration-concurrency=0|pieces.cache.hydration-concurrency|at least 1",
			"pieces.copilot.timeout=0s|pieces.copilot.timeout|positive duration",
			"pieces.streams.ping-interval=-1s|pieces.streams.ping-interval|not be negative",
			"pieces.discovery.first-port=0|pieces.discovery.first-port|between 1 and 65535",
			"pieces.discovery.last-port=70000|pieces.discovery.last-port|between 1 and 65535",
			"pieces.version-check.min-version=banana|pieces.version-check.min-version|a version such as" })
	void badSettingShouldStopTheStartNamingThePropertyAndWhatToDo(String setting, String property, String reason) {
		this.contextRunner.withPropertyValues(setting)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo(property))
				.hasMessageContaining(reason));
	}

	@Test
	void reversedRangesShouldStopTheStartNamingTheProperty() {
		this.contextRunner.withPropertyValues("pieces.discovery.first-port=39333", "pieces.discovery.last-port=39300")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause()
				.hasMessageContaining("pieces.discovery.last-port").hasMessageContaining("first-port"));
		this.contextRunner.withPropertyValues("pieces.version-check.min-version=13.0.0",
				"pieces.version-check.max-version=12.0.0")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause()
				.hasMessageContaining("pieces.version-check.max-version"));
		this.contextRunner.withPropertyValues("pieces.reconnect.initial-interval=10s", "pieces.reconnect.max-interval=1s")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause()
				.hasMessageContaining("pieces.reconnect.max-interval"));
	}

	@Test
	void websocketSettingsWhenMaxTextMessageSizeIsJustBelow2GbShouldBeAccepted() {
		this.contextRunner.withPropertyValues("pieces.streams.max-text-message-size=" + Integer.MAX_VALUE + "B")
			.run((context) -> assertThat(
					context.getBean(PiecesWebsocketManager.class).settings().maxTextMessageSize())
				.isEqualTo(Integer.MAX_VALUE));
	}

	@Test
	void websocketSettingsWhenPingIntervalIsZeroShouldDisablePings() {
		this.contextRunner.withPropertyValues("pieces.streams.ping-interval=0")
			.run((context) -> assertThat(context.getBean(PiecesWebsocketManager.class).settings().pingEnabled())
				.isFalse());
	}

	@Test
	void websocketSettingsWhenDefaultShouldMatchTheClientDefaults() {
		WebsocketSettings settings = PiecesAutoConfiguration.websocketSettings(new PiecesProperties());
		WebsocketSettings defaults = WebsocketSettings.defaults();
		assertThat(settings.maxTextMessageSize()).isEqualTo(defaults.maxTextMessageSize());
		assertThat(settings.reconnect()).isEqualTo(defaults.reconnect());
		assertThat(settings.hydrationConcurrency()).isEqualTo(defaults.hydrationConcurrency());
		assertThat(settings.bulkSync()).isEqualTo(defaults.bulkSync()).isTrue();
		assertThat(settings.pingInterval()).isEqualTo(defaults.pingInterval()).isEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void lifecycleShouldBeTheOnlyLifecycleBeanOfPieces() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBeansOfType(Lifecycle.class).values())
				.filteredOn((bean) -> bean.getClass().getName().startsWith("app.pieces."))
				.containsExactly(context.getBean(PiecesWebsocketLifecycle.class));
			assertThat(context.getBean(PiecesWebsocketLifecycle.class)).isInstanceOf(SmartLifecycle.class);
		});
	}

	@Test
	void lifecycleWhenDefaultShouldStartLateAndAutomatically() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PiecesAutoConfiguration.class))
			.withPropertyValues("pieces.base-url=" + this.unusedBaseUrl)
			.run((context) -> {
				PiecesWebsocketLifecycle lifecycle = context.getBean(PiecesWebsocketLifecycle.class);
				assertThat(lifecycle.isAutoStartup()).isTrue();
				// below the web server's graceful shutdown (DEFAULT_PHASE - 1024) and stop (- 2048): the streams close
				// after the server drained its requests
				assertThat(lifecycle.getPhase()).isEqualTo(SmartLifecycle.DEFAULT_PHASE - 4096);
				assertThat(lifecycle.isRunning()).isTrue();
				assertThat(context.getBean(HealthWS.class).state()).isNotEqualTo(ConnectionState.IDLE);
			});
	}

	@Test
	void lifecycleWhenBeansAreLazyShouldStillStartEveryStream() {
		new ApplicationContextRunner()
			.withInitializer((context) -> context.addBeanFactoryPostProcessor(
					new LazyInitializationBeanFactoryPostProcessor()))
			.withConfiguration(AutoConfigurations.of(PiecesAutoConfiguration.class))
			.withUserConfiguration(RecordingObserverConfiguration.class)
			.withPropertyValues("pieces.base-url=" + this.unusedBaseUrl, "pieces.streams.summaries.enabled=true")
			.run((context) -> {
				PiecesWebsocketManager manager = context.getBean(PiecesWebsocketManager.class);
				assertThat(manager.sockets()).extracting(BaseWebsocket::stream)
					.containsExactlyInAnyOrder(PiecesStream.values());
				assertThat(manager.sockets()).extracting(BaseWebsocket::state).doesNotContain(ConnectionState.IDLE);
				RecordingObserver observer = context.getBean(RecordingObserver.class);
				await().untilAsserted(() -> assertThat(observer.connectFailed).contains(PiecesStream.values()));
			});
	}

	@Test
	void lifecycleWhenAutoStartupOffShouldNotStartButHonourThePhase() {
		this.contextRunner.withPropertyValues("pieces.streams.phase=12").run((context) -> {
			PiecesWebsocketLifecycle lifecycle = context.getBean(PiecesWebsocketLifecycle.class);
			assertThat(lifecycle.isAutoStartup()).isFalse();
			assertThat(lifecycle.isRunning()).isFalse();
			assertThat(lifecycle.getPhase()).isEqualTo(12);
			assertThat(context.getBean(PiecesWebsocketManager.class).sockets()).extracting(BaseWebsocket::state)
				.containsOnly(ConnectionState.IDLE);
		});
	}

	@Test
	void lifecycleWhenPiecesOsIsDownShouldStartWithoutThrowingAndKeepTrying() {
		this.contextRunner.withUserConfiguration(RecordingObserverConfiguration.class).run((context) -> {
			PiecesWebsocketLifecycle lifecycle = context.getBean(PiecesWebsocketLifecycle.class);
			lifecycle.start();
			assertThat(lifecycle.isRunning()).isTrue();
			RecordingObserver observer = context.getBean(RecordingObserver.class);
			await().untilAsserted(() -> assertThat(observer.connectFailed).contains(PiecesStream.HEALTH));
			assertThat(context.getBean(HealthWS.class).state()).isIn(ConnectionState.CONNECTING,
					ConnectionState.WAITING);
		});
	}

	@Test
	void lifecycleWhenPiecesOsHangsShouldStartWithoutWaitingForTheConnect() throws IOException {
		try (SilentServer silent = new SilentServer()) {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PiecesAutoConfiguration.class))
				.withPropertyValues("pieces.base-url=http://127.0.0.1:" + silent.port(), "pieces.connect-timeout=1m")
				.withUserConfiguration(RecordingObserverConfiguration.class)
				.run((context) -> {
					HealthWS health = context.getBean(HealthWS.class);
					// the context is up while the first connect attempt is still hanging
					assertThat(context.getBean(PiecesWebsocketLifecycle.class).isRunning()).isTrue();
					assertThat(health.state()).isEqualTo(ConnectionState.CONNECTING);
					assertThat(health.reconnectAttempts()).isZero();
					assertThat(context.getBean(RecordingObserver.class).connectFailed).isEmpty();
					await().untilAsserted(() -> assertThat(silent.accepted()).isGreaterThanOrEqualTo(1));
					assertThat(health.state()).isEqualTo(ConnectionState.CONNECTING);
				});
		}
	}

	@Test
	void lifecycleStopShouldBeIdempotentAndAlwaysCallBackOnce() {
		this.contextRunner.run((context) -> {
			PiecesWebsocketLifecycle lifecycle = context.getBean(PiecesWebsocketLifecycle.class);
			AtomicInteger callbacks = new AtomicInteger();
			lifecycle.stop(callbacks::incrementAndGet);
			assertThat(callbacks).hasValue(1);
			lifecycle.start();
			lifecycle.stop(callbacks::incrementAndGet);
			assertThat(callbacks).hasValue(2);
			assertThat(lifecycle.isRunning()).isFalse();
			lifecycle.stop(callbacks::incrementAndGet);
			assertThat(callbacks).hasValue(3);
			assertThat(context.getBean(PiecesWebsocketManager.class).sockets()).extracting(BaseWebsocket::state)
				.containsOnly(ConnectionState.CLOSED);
		});
	}

	@Test
	void lifecycleWhenStoppedShouldStartAgain() {
		this.contextRunner.run((context) -> {
			PiecesWebsocketLifecycle lifecycle = context.getBean(PiecesWebsocketLifecycle.class);
			lifecycle.start();
			lifecycle.stop();
			assertThat(context.getBean(HealthWS.class).state()).isEqualTo(ConnectionState.CLOSED);
			lifecycle.start();
			assertThat(lifecycle.isRunning()).isTrue();
			assertThat(context.getBean(HealthWS.class).state()).isIn(ConnectionState.CONNECTING,
					ConnectionState.WAITING);
		});
	}

	@Test
	void observerBeansShouldBeAddedToTheManager() {
		this.contextRunner.withUserConfiguration(RecordingObserverConfiguration.class).run((context) -> {
			context.getBean(HealthWS.class).start();
			RecordingObserver observer = context.getBean(RecordingObserver.class);
			await().untilAsserted(() -> assertThat(observer.connectFailed).contains(PiecesStream.HEALTH));
		});
	}

	@Test
	void observerBeansWhenLifecycleIsDefinedByUserShouldStillBeAddedToTheManager() {
		this.contextRunner.withUserConfiguration(RecordingObserverConfiguration.class, UserLifecycleConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean(PiecesWebsocketLifecycle.class)).isSameAs(context.getBean("userLifecycle"));
				context.getBean(HealthWS.class).start();
				RecordingObserver observer = context.getBean(RecordingObserver.class);
				await().untilAsserted(() -> assertThat(observer.connectFailed).contains(PiecesStream.HEALTH));
			});
	}

	@Test
	void observerBeansWhenAlsoGivenToTheLifecycleShouldBeAddedOnlyOnce() {
		this.contextRunner
			.withUserConfiguration(RecordingObserverConfiguration.class, UserLifecycleWithObserversConfiguration.class)
			.run((context) -> {
				PiecesWebsocketManager manager = context.getBean(PiecesWebsocketManager.class);
				RecordingObserver observer = context.getBean(RecordingObserver.class);
				assertThat(manager.removeEventListener(observer)).isTrue();
				assertThat(manager.removeEventListener(observer)).isFalse();
			});
	}

	/**
	 * A TCP server that accepts connections and never answers, like a hung Pieces OS.
	 */
	static final class SilentServer implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		private final List<Socket> connections = new CopyOnWriteArrayList<>();

		private final Thread acceptor;

		SilentServer() throws IOException {
			this.acceptor = new Thread(this::accept, "silent-server");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					this.connections.add(this.server.accept());
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		int port() {
			return this.server.getLocalPort();
		}

		int accepted() {
			return this.connections.size();
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket connection : this.connections) {
				connection.close();
			}
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

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		@Bean
		PiecesWebsocketManager userManager(PiecesClient client) {
			return new PiecesWebsocketManager(client, WebsocketSettings.defaults());
		}

		@Bean
		HealthWS userHealth(PiecesWebsocketManager manager) {
			return new HealthWS(manager, null);
		}

		@Bean
		PiecesEventBridge userBridge(org.springframework.context.ApplicationEventPublisher publisher) {
			return new PiecesEventBridge(publisher);
		}

		@Bean
		PiecesWebsocketLifecycle userLifecycle(PiecesWebsocketManager manager) {
			return new PiecesWebsocketLifecycle(manager, List.of(), List.of(), false, 42);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCopilotConfiguration {

		@Bean
		PiecesCopilot userCopilot(AskStreamWS askStream, PiecesClient client) {
			return new PiecesCopilot(askStream, client);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizersConfiguration {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		PiecesClientCustomizer second() {
			return (builder) -> {
				this.calls.add("second");
				builder.baseUrl("http://127.0.0.1:39322");
			};
		}

		@Bean
		@Order(1)
		PiecesClientCustomizer first() {
			return (builder) -> {
				this.calls.add("first");
				builder.baseUrl("http://127.0.0.1:39333");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserLifecycleConfiguration {

		@Bean
		PiecesWebsocketLifecycle userLifecycle(PiecesWebsocketManager manager) {
			return new PiecesWebsocketLifecycle(manager, List.of(), List.of(), false, 42);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserLifecycleWithObserversConfiguration {

		@Bean
		PiecesWebsocketLifecycle userLifecycle(PiecesWebsocketManager manager, List<ClientEventListener> observers) {
			return new PiecesWebsocketLifecycle(manager, List.of(), observers, false, 42);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingObserverConfiguration {

		@Bean
		RecordingObserver recordingObserver() {
			return new RecordingObserver();
		}

	}

	static class RecordingObserver implements ClientEventListener {

		final List<PiecesStream> connectFailed = new CopyOnWriteArrayList<>();

		@Override
		public void onEvent(ClientEvent event) {
			if (event instanceof ClientEvent.ConnectFailed failed) {
				BaseWebsocket<?> socket = failed.socket();
				this.connectFailed.add(socket.stream());
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnchorsConsumerConfiguration {

		@Bean
		AnchorsConsumer anchorsConsumer(IdentifiersWebsocket<Anchor> anchors) {
			return new AnchorsConsumer(anchors);
		}

	}

	record AnchorsConsumer(IdentifiersWebsocket<Anchor> anchors) {
	}

}
