package app.pieces.boot.event;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import app.pieces.boot.autoconfigure.PiecesAutoConfiguration;
import app.pieces.client.PiecesClient;
import app.pieces.model.QGPTStreamEnum;
import app.pieces.model.QGPTStreamOutput;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.AuthWS;
import app.pieces.websocket.ClientEvent;
import app.pieces.websocket.HealthWS;
import app.pieces.websocket.PiecesStream;
import app.pieces.websocket.PiecesWebsocketManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PiecesEventBridge}.
 */
class PiecesEventBridgeTests {

	private final PiecesClient client = PiecesClient.builder().baseUrl("http://127.0.0.1:" + freePort()).build();

	private final PiecesWebsocketManager manager = new PiecesWebsocketManager(this.client);

	private final HealthWS health = new HealthWS(this.manager, null);

	private final AuthWS auth = new AuthWS(this.manager, null);

	private final AskStreamWS ask = new AskStreamWS(this.manager, null);

	@AfterEach
	void close() {
		this.manager.close();
		this.client.close();
	}

	@Test
	void observerCallbacksShouldBecomeTypedEventsOnTheEventsThread() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			Recorder recorder = new Recorder();
			context.addApplicationListener(recorder);
			context.refresh();
			PiecesEventBridge bridge = new PiecesEventBridge(context);
			bridge.onEvent(new ClientEvent.Connected(this.health));
			bridge.onEvent(new ClientEvent.Message<>(this.health, "OK"));
			bridge.onEvent(new ClientEvent.Message<>(this.auth, Optional.empty()));
			QGPTStreamOutput output = new QGPTStreamOutput("r-1", "c-1", QGPTStreamEnum.COMPLETED, null, null, null,
					null, null, null, null, null, null);
			bridge.onEvent(new ClientEvent.Message<>(this.ask, output));
			bridge.onEvent(new ClientEvent.Disconnected(this.health, ClientEvent.DisconnectReason.CONNECTION_LOST, "code 1001"));
			bridge.onEvent(new ClientEvent.Error(this.health, new IllegalStateException("bad frame")));
			bridge.onEvent(new ClientEvent.ConnectFailed(this.health, new IOException("refused")));
			bridge.onEvent(new ClientEvent.ReconnectExhausted(this.health));
			await().untilAsserted(() -> assertThat(recorder.events).hasSize(8));
			assertThat(recorder.events).map(Object::getClass)
				.containsExactly(PiecesWebsocketConnectedEvent.class, HealthStatusEvent.class,
						UserAuthChangedEvent.class, CopilotMessageEvent.class, PiecesWebsocketDisconnectedEvent.class,
						PiecesWebsocketErrorEvent.class, PiecesWebsocketConnectFailedEvent.class,
						PiecesWebsocketReconnectExhaustedEvent.class);
			assertThat(((HealthStatusEvent) recorder.events.get(1)).isHealthy()).isTrue();
			assertThat(((UserAuthChangedEvent) recorder.events.get(2)).isSignedIn()).isFalse();
			assertThat(((CopilotMessageEvent) recorder.events.get(3)).getOutput()).isSameAs(output);
			assertThat(((PiecesWebsocketDisconnectedEvent) recorder.events.get(4)).getReason()).isEqualTo("code 1001");
			assertThat(((PiecesWebsocketEvent) recorder.events.get(0)).getWebsocket()).isSameAs(this.health);
			assertThat(recorder.events.get(3).getStream()).isEqualTo(PiecesStream.QGPT);
			assertThat(recorder.threads).containsOnly(PiecesEventBridge.THREAD_NAME);
		}
	}

	@Test
	void listenerWhenThrowingShouldNotStopTheEventsThatFollow() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			Recorder recorder = new Recorder();
			context.addApplicationListener((ApplicationListener<HealthStatusEvent>) (event) -> {
				if (!event.isHealthy()) {
					throw new IllegalStateException("listener failure");
				}
			});
			context.addApplicationListener(recorder);
			context.refresh();
			PiecesEventBridge bridge = new PiecesEventBridge(context);
			bridge.onEvent(new ClientEvent.Message<>(this.health, "starting"));
			bridge.onEvent(new ClientEvent.Message<>(this.health, "OK"));
			await().untilAsserted(() -> assertThat(recorder.events).hasSize(1)
				.allSatisfy((event) -> assertThat(((HealthStatusEvent) event).getStatus()).isEqualTo("OK")));
		}
	}

	@Test
	void eventsWhenContextIsClosingShouldBeDropped() throws InterruptedException {
		GenericApplicationContext context = new GenericApplicationContext();
		Recorder recorder = new Recorder();
		CountDownLatch blocked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		context.addApplicationListener((ApplicationListener<PiecesWebsocketConnectedEvent>) (event) -> {
			blocked.countDown();
			try {
				release.await(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		context.addApplicationListener(recorder);
		context.registerBean(PiecesEventBridge.class, () -> new PiecesEventBridge(context));
		context.refresh();
		PiecesEventBridge bridge = context.getBean(PiecesEventBridge.class);
		bridge.onEvent(new ClientEvent.Connected(this.health));
		assertThat(blocked.await(1, TimeUnit.MINUTES)).isTrue();
		bridge.onEvent(new ClientEvent.Message<>(this.health, "queued while a listener is busy"));
		context.close();
		bridge.onEvent(new ClientEvent.Message<>(this.health, "after close"));
		release.countDown();
		assertThat(bridge.awaitTermination(Duration.ofMinutes(1))).isTrue();
		assertThat(recorder.events).hasSize(1).first().isInstanceOf(PiecesWebsocketConnectedEvent.class);
	}

	@Test
	void eventsWhenBridgeIsDestroyedShouldBeDroppedEvenIfThePublisherStillWorks() throws InterruptedException {
		List<Object> published = new CopyOnWriteArrayList<>();
		CountDownLatch blocked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		PiecesEventBridge bridge = new PiecesEventBridge((event) -> {
			published.add(event);
			blocked.countDown();
			try {
				release.await(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		bridge.onEvent(new ClientEvent.Connected(this.health));
		assertThat(blocked.await(1, TimeUnit.MINUTES)).isTrue();
		bridge.onEvent(new ClientEvent.Message<>(this.health, "queued before destroy"));
		bridge.destroy();
		bridge.onEvent(new ClientEvent.Message<>(this.health, "after destroy"));
		release.countDown();
		assertThat(bridge.awaitTermination(Duration.ofMinutes(1))).isTrue();
		assertThat(published).hasSize(1).first().isInstanceOf(PiecesWebsocketConnectedEvent.class);
	}

	@Test
	void bridgeWhenPiecesOsIsDownShouldPublishConnectFailedAndReconnectExhaustedEvents() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PiecesAutoConfiguration.class))
			.withUserConfiguration(ListenerConfiguration.class)
			.withPropertyValues("pieces.base-url=http://127.0.0.1:" + freePort(), "pieces.reconnect.max-attempts=2",
					"pieces.reconnect.initial-interval=10ms", "pieces.reconnect.max-interval=20ms",
					"pieces.streams.summaries.enabled=true")
			.run((context) -> {
				Recorder recorder = context.getBean(Recorder.class);
				await().untilAsserted(() -> assertThat(recorder.events)
					.filteredOn(PiecesWebsocketReconnectExhaustedEvent.class::isInstance)
					.map(PiecesEvent::getStream)
					.containsExactlyInAnyOrder(PiecesStream.values()));
				assertThat(recorder.events).filteredOn(PiecesWebsocketConnectFailedEvent.class::isInstance)
					.map(PiecesEvent::getStream)
					.contains(PiecesStream.values());
				assertThat(recorder.threads).allSatisfy((name) -> assertThat(name).startsWith("pieces-worker-"));
			});
	}

	@Test
	void eventToStringShouldNotRevealPayloads() {
		UserAuthChangedEvent event = new UserAuthChangedEvent(this.auth, null);
		assertThat(event).hasToString("UserAuthChangedEvent[stream=user, signedIn=false]");
		assertThat(new PiecesWebsocketErrorEvent(this.health, new IllegalStateException("secret detail")))
			.hasToString("PiecesWebsocketErrorEvent[stream=health, error=IllegalStateException]");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static class Recorder implements ApplicationListener<PiecesEvent> {

		final List<PiecesEvent> events = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(PiecesEvent event) {
			this.threads.add(Thread.currentThread().getName());
			this.events.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfiguration {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

}
