package app.pieces.boot.integration;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import app.pieces.boot.autoconfigure.PiecesAutoConfiguration;
import app.pieces.boot.autoconfigure.PiecesWebsocketLifecycle;
import app.pieces.boot.event.AssetUpdatedEvent;
import app.pieces.boot.event.PiecesEventBridge;
import app.pieces.websocket.IdentifierCache;
import app.pieces.model.Asset;
import app.pieces.simulator.PiecesOsSimulatorExtension;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.HealthWS;
import app.pieces.websocket.PiecesStream;
import app.pieces.websocket.ClientEvent;
import app.pieces.websocket.ClientEventListener;
import app.pieces.websocket.WebsocketListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@code pieces.events.enabled} against the Pieces OS simulator: switched off, no
 * application event is published while callbacks and observers keep working.
 */
class PiecesEventsSwitchIntegrationTests {

	@RegisterExtension
	static final PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(3).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PiecesAutoConfiguration.class))
		.withUserConfiguration(RecordersConfiguration.class)
		.withPropertyValues("pieces.streams.auto-startup=false", "pieces.streams.summaries.enabled=true");

	@Test
	void eventsWhenSwitchedOffShouldNotBePublishedWhileCallbacksAndObserversStillWork() {
		this.contextRunner
			.withPropertyValues("pieces.base-url=" + pieces.simulator().baseUrl(), "pieces.events.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PiecesEventBridge.class);
				List<String> statuses = startWithHealthCallback(context);
				ObserverRecorder observer = context.getBean(ObserverRecorder.class);
				await().untilAsserted(() -> assertThat(observer.connected).containsAll(Set.of(PiecesStream.values())));
				await().untilAsserted(() -> assertThat(statuses).contains("OK"));
				await().until(() -> context.getBean(AssetsIdentifiersWS.class).cache().isSynced());
				await().untilAsserted(() -> assertThat(observer.assetIds)
					.containsAll(pieces.simulator().state().assets()));
				assertThat(context.getBean(EventRecorder.class).all()).isEmpty();
			});
	}

	@Test
	void eventsWhenEnabledShouldBePublishedForWhatTheObserversSee() {
		this.contextRunner.withPropertyValues("pieces.base-url=" + pieces.simulator().baseUrl()).run((context) -> {
			assertThat(context).hasSingleBean(PiecesEventBridge.class);
			startWithHealthCallback(context);
			ObserverRecorder observer = context.getBean(ObserverRecorder.class);
			await().untilAsserted(() -> assertThat(observer.assetIds).containsAll(pieces.simulator().state().assets()));
			EventRecorder recorder = context.getBean(EventRecorder.class);
			await().untilAsserted(() -> assertThat(recorder.of(AssetUpdatedEvent.class))
				.extracting((event) -> event.getAsset().id())
				.containsAll(observer.assetIds));
		});
	}

	private static List<String> startWithHealthCallback(AssertableApplicationContext context) {
		List<String> statuses = new CopyOnWriteArrayList<>();
		context.getBean(HealthWS.class).addListener(WebsocketListener.onMessage(statuses::add));
		context.getBean(PiecesWebsocketLifecycle.class).start();
		return statuses;
	}

	/**
	 * Listener that records the streams that connected and the assets the cache stored.
	 */
	static class ObserverRecorder implements ClientEventListener {

		final Set<PiecesStream> connected = ConcurrentHashMap.newKeySet();

		final Set<String> assetIds = ConcurrentHashMap.newKeySet();

		@Override
		public void onEvent(ClientEvent event) {
			if (event instanceof ClientEvent.Connected connected) {
				BaseWebsocket<?> socket = connected.socket();
				this.connected.add(socket.stream());
			}
			else if (event instanceof ClientEvent.ItemUpdated<?> updated) {
				Object item = updated.item();
				if (item instanceof Asset asset) {
					this.assetIds.add(asset.id());
				}
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordersConfiguration {

		@Bean
		EventRecorder eventRecorder() {
			return new EventRecorder();
		}

		@Bean
		ObserverRecorder observerRecorder() {
			return new ObserverRecorder();
		}

	}

}
