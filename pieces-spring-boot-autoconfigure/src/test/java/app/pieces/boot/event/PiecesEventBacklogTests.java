package app.pieces.boot.event;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import app.pieces.boot.autoconfigure.PiecesAutoConfiguration;
import app.pieces.boot.autoconfigure.health.PiecesHealthContributorAutoConfiguration;
import app.pieces.boot.autoconfigure.metrics.PiecesMetricsAutoConfiguration;
import app.pieces.boot.health.PiecesHealthIndicator;
import app.pieces.boot.metrics.PiecesMeterBinder;
import app.pieces.client.PiecesClient;
import app.pieces.websocket.ClientEvent;
import app.pieces.websocket.HealthWS;
import app.pieces.websocket.PiecesWebsocketManager;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the backlog of {@link PiecesEventBridge}: a slow {@code @EventListener} makes it
 * grow, and the bridge makes it visible (meters, health, log) without dropping an event.
 */
@ExtendWith(OutputCaptureExtension.class)
class PiecesEventBacklogTests {

	private static final String WARNING = "Pieces events backlog reached";

	private static final String DRAINED = "Pieces events backlog is down to";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, PiecesAutoConfiguration.class,
				PiecesMetricsAutoConfiguration.class, PiecesHealthContributorAutoConfiguration.class))
		.withPropertyValues("pieces.base-url=http://127.0.0.1:" + freePort(), "pieces.streams.auto-startup=false");

	private final PiecesClient client = PiecesClient.builder().baseUrl("http://127.0.0.1:" + freePort()).build();

	private final PiecesWebsocketManager manager = new PiecesWebsocketManager(this.client);

	private final HealthWS health = new HealthWS(this.manager, null);

	@AfterEach
	void close() {
		this.manager.close();
		this.client.close();
	}

	@Test
	void backlogWhenListenerIsBlockedShouldWarnOnceShowInMetersAndHealthAndDrainInOrderWithoutLoss(
			CapturedOutput output) {
		// no stream of the context's own: its manager runs (the bridge publishes on its workers), and the events
		// come from this test only
		this.contextRunner
			.withPropertyValues("pieces.events.backlog-warning-threshold=5", "pieces.streams.health.enabled=false",
					"pieces.streams.user.enabled=false", "pieces.streams.assets.enabled=false",
					"pieces.streams.conversations.enabled=false", "pieces.streams.qgpt.enabled=false",
					"pieces.streams.ltm.enabled=false", "pieces.streams.anchors.enabled=false",
					"pieces.streams.ranges.enabled=false")
			.withUserConfiguration(BlockingListenerConfiguration.class)
			.run((context) -> {
				context.getBean(PiecesWebsocketManager.class).startAll();
				PiecesEventBridge bridge = context.getBean(PiecesEventBridge.class);
				HealthWS healthSocket = this.health;
				BlockingListener listener = context.getBean(BlockingListener.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				PiecesHealthIndicator indicator = context.getBean(PiecesHealthIndicator.class);
				assertThat(registry.get(PiecesMeterBinder.EVENTS_PENDING).gauge().value()).isZero();
				assertThat(indicator.health().getDetails()).containsEntry("eventsPending", 0);

				bridge.onEvent(new ClientEvent.Message<>(healthSocket, "status-0"));
				assertThat(listener.blocked.await(1, TimeUnit.MINUTES)).isTrue();
				for (int i = 1; i < 10; i++) {
					bridge.onEvent(new ClientEvent.Message<>(healthSocket, "status-" + i));
				}
				// one event in its listener, nine queued behind it
				assertThat(bridge.getPendingEvents()).isEqualTo(10);
				assertThat(registry.get(PiecesMeterBinder.EVENTS_PENDING).gauge().value()).isEqualTo(10);
				assertThat(registry.get(PiecesMeterBinder.EVENTS_PUBLISHED).functionCounter().count()).isZero();
				assertThat(registry.get(PiecesMeterBinder.EVENTS_LAG).timeGauge().value(TimeUnit.NANOSECONDS))
					.isPositive();
				assertThat(indicator.health().getDetails()).containsEntry("eventsPending", 10);
				List<String> warnings = linesWith(output, WARNING);
				assertThat(warnings).singleElement()
					.asString()
					.contains("WARN")
					.contains(WARNING + " 5 events")
					.contains("@EventListener")
					.contains("HealthStatusEvent")
					.contains("pieces.events.backlog-warning-threshold")
					.doesNotContain("status-");
				assertThat(linesWith(output, DRAINED)).isEmpty();

				listener.release.countDown();
				await().untilAsserted(() -> assertThat(registry.get(PiecesMeterBinder.EVENTS_PENDING).gauge().value())
					.isZero());
				assertThat(listener.statuses)
					.containsExactlyElementsOf(IntStream.range(0, 10).mapToObj((i) -> "status-" + i).toList());
				assertThat(registry.get(PiecesMeterBinder.EVENTS_PUBLISHED).functionCounter().count()).isEqualTo(10);
				assertThat(registry.get(PiecesMeterBinder.EVENTS_LAG).timeGauge().value()).isZero();
				assertThat(indicator.health().getDetails()).containsEntry("eventsPending", 0);
				assertThat(linesWith(output, DRAINED)).singleElement()
					.asString()
					.contains("INFO")
					.contains(DRAINED + " 2 event(s)")
					.contains("threshold of 5");
				assertThat(linesWith(output, WARNING)).hasSize(1);
			});
	}

	@Test
	void backlogWhenCrossingTheThresholdAgainShouldWarnAgainButNotPerEvent(CapturedOutput output)
			throws InterruptedException {
		GatedPublisher publisher = new GatedPublisher();
		PiecesEventBridge bridge = new PiecesEventBridge(publisher, 3);
		try {
			for (int round = 1; round <= 2; round++) {
				CountDownLatch release = publisher.close();
				bridge.onEvent(new ClientEvent.Message<>(this.health, "round-" + round + "-0"));
				assertThat(publisher.blocked.await(1, TimeUnit.MINUTES)).isTrue();
				for (int i = 1; i < 8; i++) {
					bridge.onEvent(new ClientEvent.Message<>(this.health, "round-" + round + "-" + i));
				}
				assertThat(linesWith(output, WARNING)).hasSize(round);
				release.countDown();
				int expectedInfos = round;
				await().untilAsserted(() -> assertThat(linesWith(output, DRAINED)).hasSize(expectedInfos));
				await().until(() -> bridge.getPendingEvents() == 0);
			}
			assertThat(publisher.statuses).hasSize(16)
				.startsWith("round-1-0", "round-1-1")
				.endsWith("round-2-6", "round-2-7");
			assertThat(bridge.getPublishedEvents()).isEqualTo(16);
			assertThat(bridge.getOldestPendingAge()).isEqualTo(Duration.ZERO);
		}
		finally {
			publisher.open();
			bridge.destroy();
		}
	}

	@Test
	void backlogBelowTheThresholdShouldNotWarn(CapturedOutput output) throws InterruptedException {
		GatedPublisher publisher = new GatedPublisher();
		PiecesEventBridge bridge = new PiecesEventBridge(publisher, 5);
		try {
			CountDownLatch release = publisher.close();
			bridge.onEvent(new ClientEvent.Message<>(this.health, "first"));
			assertThat(publisher.blocked.await(1, TimeUnit.MINUTES)).isTrue();
			for (int i = 0; i < 3; i++) {
				bridge.onEvent(new ClientEvent.Message<>(this.health, "queued-" + i));
			}
			assertThat(bridge.getPendingEvents()).isEqualTo(4);
			release.countDown();
			await().until(() -> bridge.getPendingEvents() == 0);
			assertThat(publisher.statuses).containsExactly("first", "queued-0", "queued-1", "queued-2");
			assertThat(linesWith(output, WARNING)).isEmpty();
			assertThat(linesWith(output, DRAINED)).isEmpty();
		}
		finally {
			publisher.open();
			bridge.destroy();
		}
	}

	@Test
	void bridgeByDefaultShouldWarnAtTenThousandPendingEvents() {
		this.contextRunner.run((context) -> assertThat(
				context.getBean(PiecesEventBridge.class).getBacklogWarningThreshold())
			.isEqualTo(10000)
			.isEqualTo(PiecesEventBridge.DEFAULT_BACKLOG_WARNING_THRESHOLD));
	}

	@Test
	void bridgeWhenThresholdIsNotPositiveShouldFailWithAMessageNamingTheProperty() {
		this.contextRunner.withPropertyValues("pieces.events.backlog-warning-threshold=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("pieces.events.backlog-warning-threshold"));
		assertThatIllegalArgumentException().isThrownBy(() -> new PiecesEventBridge((event) -> {
		}, -1)).withMessageContaining("at least 1");
	}

	@Test
	void bridgeWhenContextClosesWithABacklogShouldDropItAndCountNothingPending() throws InterruptedException {
		GatedPublisher publisher = new GatedPublisher();
		PiecesEventBridge bridge = new PiecesEventBridge(publisher, 100);
		CountDownLatch release = publisher.close();
		bridge.onEvent(new ClientEvent.Message<>(this.health, "first"));
		assertThat(publisher.blocked.await(1, TimeUnit.MINUTES)).isTrue();
		bridge.onEvent(new ClientEvent.Message<>(this.health, "dropped-1"));
		bridge.onEvent(new ClientEvent.Message<>(this.health, "dropped-2"));
		assertThat(bridge.getPendingEvents()).isEqualTo(3);
		bridge.destroy();
		bridge.onEvent(new ClientEvent.Message<>(this.health, "after destroy"));
		assertThat(bridge.getPendingEvents()).isEqualTo(3);
		release.countDown();
		assertThat(bridge.awaitTermination(Duration.ofMinutes(1))).isTrue();
		assertThat(bridge.getPendingEvents()).isZero();
		assertThat(bridge.getPublishedEvents()).isEqualTo(1);
		assertThat(publisher.statuses).containsExactly("first");
	}

	private static List<String> linesWith(CapturedOutput output, String text) {
		return output.getOut().lines().filter((line) -> line.contains(text)).toList();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Publisher that records health statuses and, while closed, blocks on the first event
	 * until released.
	 */
	static class GatedPublisher implements ApplicationEventPublisher {

		final List<String> statuses = new CopyOnWriteArrayList<>();

		volatile CountDownLatch blocked = new CountDownLatch(1);

		private volatile CountDownLatch release = new CountDownLatch(0);

		CountDownLatch close() {
			this.blocked = new CountDownLatch(1);
			this.release = new CountDownLatch(1);
			return this.release;
		}

		void open() {
			this.release.countDown();
		}

		@Override
		public void publishEvent(Object event) {
			this.statuses.add(((HealthStatusEvent) event).getStatus());
			CountDownLatch gate = this.release;
			if (gate.getCount() > 0) {
				this.blocked.countDown();
				try {
					gate.await(1, TimeUnit.MINUTES);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

	/**
	 * Listener that blocks on the first health status until released, then records every
	 * status in arrival order.
	 */
	static class BlockingListener implements ApplicationListener<HealthStatusEvent> {

		final List<String> statuses = new CopyOnWriteArrayList<>();

		final CountDownLatch blocked = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Override
		public void onApplicationEvent(HealthStatusEvent event) {
			this.statuses.add(event.getStatus());
			this.blocked.countDown();
			try {
				this.release.await(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BlockingListenerConfiguration {

		@Bean
		BlockingListener blockingListener() {
			return new BlockingListener();
		}

	}

}
