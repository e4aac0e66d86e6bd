package app.pieces.boot.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import app.pieces.boot.event.AssetRemovedEvent;
import app.pieces.boot.event.AssetUpdatedEvent;
import app.pieces.boot.event.ItemRemovedEvent;
import app.pieces.boot.event.ItemUpdatedEvent;
import app.pieces.boot.event.ConversationRemovedEvent;
import app.pieces.boot.event.ConversationUpdatedEvent;
import app.pieces.boot.event.CopilotMessageEvent;
import app.pieces.boot.event.HealthStatusEvent;
import app.pieces.boot.event.PiecesWebsocketConnectedEvent;
import app.pieces.boot.event.PiecesWebsocketErrorEvent;
import app.pieces.boot.event.UserAuthChangedEvent;
import app.pieces.boot.health.PiecesHealthIndicator;
import app.pieces.boot.metrics.PiecesMeterBinder;
import app.pieces.client.PiecesClient;
import app.pieces.copilot.CopilotAnswer;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.model.Anchor;
import app.pieces.model.Asset;
import app.pieces.model.QGPTRelevanceInput;
import app.pieces.model.QGPTStreamEnum;
import app.pieces.model.WorkstreamSummary;
import app.pieces.model.QGPTStreamInput;
import app.pieces.model.UserProfile;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.AssetsListener;
import app.pieces.websocket.HealthWS;
import app.pieces.websocket.PiecesStream;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the starter in a Spring Boot application talking to the Pieces OS simulator:
 * events, health and meters.
 */
@SpringBootTest(classes = PiecesSimulatorIntegrationTests.TestApplication.class)
@DirtiesContext
class PiecesSimulatorIntegrationTests {

	@RegisterExtension
	static final PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder()
		.assets(4)
		.conversations(2)
		.explicitNulls(true)
		.build();

	@DynamicPropertySource
	static void piecesProperties(DynamicPropertyRegistry registry) {
		registry.add("pieces.base-url", () -> pieces.simulator().baseUrl());
		registry.add("pieces.reconnect.initial-interval", () -> "100ms");
		registry.add("pieces.reconnect.max-interval", () -> "500ms");
		registry.add("pieces.streams.summaries.enabled", () -> "true");
	}

	@Autowired
	private EventRecorder recorder;

	@Autowired
	private SlowListener slowListener;

	@Autowired
	private TypedItemListener typedItems;

	@Autowired
	private AssetsIdentifiersWS assets;

	@Autowired
	private AskStreamWS askStream;

	@Autowired
	private PiecesCopilot copilot;

	@Autowired
	private HealthWS health;

	@Autowired
	private PiecesClient client;

	@Autowired
	private PiecesHealthIndicator healthIndicator;

	@Autowired
	private MeterRegistry meterRegistry;

	private PiecesOsSimulator simulator;

	@BeforeEach
	void awaitConnected() {
		this.simulator = pieces.simulator();
		await().untilAsserted(() -> assertThat(this.recorder.of(PiecesWebsocketConnectedEvent.class))
			.extracting(PiecesWebsocketConnectedEvent::getStream)
			.contains(PiecesStream.values()));
		await().until(() -> this.assets.cache().isSynced());
		// the indicator reads the version in the background after the health stream connects
		await().until(() -> this.healthIndicator.getVersion().isPresent());
	}

	@Test
	void eventListenerShouldReceiveEveryEventTypeOnTheEventsThread() {
		await().untilAsserted(() -> assertThat(this.recorder.of(HealthStatusEvent.class))
			.anySatisfy((event) -> assertThat(event.isHealthy()).isTrue()));
		await().untilAsserted(() -> assertThat(this.recorder.of(UserAuthChangedEvent.class))
			.anySatisfy((event) -> assertThat(event.getUser()).isPresent()));
		await().untilAsserted(() -> assertThat(this.recorder.of(AssetUpdatedEvent.class))
			.extracting((event) -> event.getAsset().id())
			.containsAll(this.simulator.state().assets()));
		await().untilAsserted(() -> assertThat(this.recorder.of(ConversationUpdatedEvent.class))
			.extracting((event) -> event.getConversation().id())
			.containsAll(this.simulator.state().conversations()));

		String assetId = this.simulator.createAsset("Event test", "class EventTest {}", "java");
		await().untilAsserted(() -> assertThat(this.recorder.of(AssetUpdatedEvent.class))
			.anySatisfy((event) -> assertThat(event.getAsset().name()).isEqualTo("Event test")));
		this.simulator.deleteAsset(assetId);
		await().untilAsserted(() -> assertThat(this.recorder.of(AssetRemovedEvent.class))
			.anySatisfy((event) -> assertThat(event.getAsset().id()).isEqualTo(assetId)));

		String conversationId = this.simulator.createConversation("Event conversation");
		await().untilAsserted(() -> assertThat(this.recorder.of(ConversationUpdatedEvent.class))
			.anySatisfy((event) -> assertThat(event.getConversation().id()).isEqualTo(conversationId)));
		this.simulator.deleteConversation(conversationId);
		await().untilAsserted(() -> assertThat(this.recorder.of(ConversationRemovedEvent.class))
			.anySatisfy((event) -> assertThat(event.getConversation().id()).isEqualTo(conversationId)));

		this.askStream.sendMessage(QGPTStreamInput.ofRelevance("boot-events-1", null,
				QGPTRelevanceInput.question("What does the starter publish?", null, null)));
		await().untilAsserted(() -> assertThat(this.recorder.of(CopilotMessageEvent.class))
			.anySatisfy((event) -> {
				assertThat(event.getOutput().request()).isEqualTo("boot-events-1");
				assertThat(event.getOutput().status()).isEqualTo(QGPTStreamEnum.COMPLETED);
			}));

		this.simulator.sendRawFrame("assets", "{ this is not json");
		await().untilAsserted(() -> assertThat(this.recorder.of(PiecesWebsocketErrorEvent.class, PiecesStream.ASSETS))
			.isNotEmpty());

		this.simulator.logout();
		await().untilAsserted(() -> assertThat(this.recorder.of(UserAuthChangedEvent.class))
			.anySatisfy((event) -> assertThat(event.isSignedIn()).isFalse()));
		this.simulator.login();
		await().untilAsserted(() -> assertThat(lastOf(UserAuthChangedEvent.class).isSignedIn()).isTrue());

		// published by the manager's workers, never by a thread of the bridge's own or a socket's I/O thread
		assertThat(this.recorder.threads()).allSatisfy((name) -> assertThat(name).startsWith("pieces-worker-"));
	}

	@Test
	void itemEventListenersShouldReceiveTheItemsOfTheirTypeOnly() {
		await().until(() -> this.typedItems.anchors.size() == this.simulator.workstreamIds("anchors").size());
		String anchor = this.simulator.createAnchor("/home/dev/notes/todo.md");
		await().untilAsserted(() -> assertThat(this.typedItems.anchors).extracting(Anchor::id).contains(anchor));
		String summary = this.simulator.createWorkstreamSummary("Standup");
		await().until(() -> this.recorder.of(ItemUpdatedEvent.class)
			.stream()
			.anyMatch((event) -> event.getStream() == PiecesStream.WORKSTREAM_SUMMARIES));
		this.simulator.deleteWorkstreamSummary(summary);
		await().untilAsserted(() -> assertThat(this.typedItems.removedSummaries).extracting(WorkstreamSummary::id)
			.containsExactly(summary));
		// an asset event is an ItemUpdatedEvent<Asset> too, and reaches listeners of that type
		String asset = this.simulator.createAsset("Typed event", "class Typed {}", "java");
		await().untilAsserted(() -> assertThat(this.typedItems.assets).extracting(Asset::id).contains(asset));
		assertThat(this.recorder.of(AssetUpdatedEvent.class)).extracting((event) -> event.getAsset().id())
			.containsOnlyOnce(asset);
		assertThat(this.typedItems.anchors).extracting(Anchor::id).doesNotContain(asset, summary);
	}

	@Test
	void copilotBeanShouldAnswerWhileEveryFramePublishesAnEvent() throws Exception {
		String question = "How does the starter wire the copilot?";
		CopilotAnswer answer = this.copilot.ask(question);
		assertThat(answer.text().get(30, TimeUnit.SECONDS))
			.isEqualTo(this.simulator.copilot().answerFor(question));
		List<CopilotMessageEvent> frames = new ArrayList<>();
		await().untilAsserted(() -> {
			frames.clear();
			frames.addAll(this.recorder.of(CopilotMessageEvent.class)
				.stream()
				.filter((event) -> answer.requestId().equals(event.getOutput().request()))
				.toList());
			assertThat(frames).last()
				.satisfies((event) -> assertThat(event.getOutput().status()).isEqualTo(QGPTStreamEnum.COMPLETED));
		});
		assertThat(frames.stream().map((event) -> event.getOutput().text()).collect(Collectors.joining()))
			.isEqualTo(answer.text().get());
	}

	@Test
	void eventListenerWhenSlowShouldNotStallTheSocketsOrTheirCallbacks() throws InterruptedException {
		List<Asset> callbackAssets = new CopyOnWriteArrayList<>();
		this.assets.addListener(AssetsListener.of(callbackAssets::add, null, null, null, null));
		CountDownLatch release = this.slowListener.block();
		try {
			this.simulator.sendRawFrame("health", "OK");
			await().until(this.slowListener::isBlocking);
			String assetId = this.simulator.createAsset("Slow listener", "print('slow')", "py");
			await().untilAsserted(() -> assertThat(this.assets.cache().get(assetId)).isPresent());
			await().untilAsserted(() -> assertThat(callbackAssets).extracting(Asset::id).contains(assetId));
			assertThat(this.recorder.of(AssetUpdatedEvent.class)).extracting((event) -> event.getAsset().id())
				.doesNotContain(assetId);
			release.countDown();
			await().untilAsserted(() -> assertThat(this.recorder.of(AssetUpdatedEvent.class))
				.extracting((event) -> event.getAsset().id())
				.contains(assetId));
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void healthWhenConnectedShouldBeUpWithDetailsButNoPersonalData() {
		await().untilAsserted(() -> assertThat(this.healthIndicator.health().getStatus()).isEqualTo(Status.UP));
		Health health = this.healthIndicator.health();
		assertThat(health.getDetails()).containsEntry("baseUrl", this.simulator.baseUrl());
		assertThat(health.getDetails()).containsEntry("signedIn", true);
		@SuppressWarnings("unchecked")
		Map<String, Map<String, Object>> streams = (Map<String, Map<String, Object>>) health.getDetails()
			.get("streams");
		assertThat(streams).containsOnlyKeys("health", "user", "assets", "conversations", "qgpt", "ltm", "anchors",
				"ranges", "summaries");
		assertThat(streams.get("assets")).containsEntry("state", "OPEN").containsKey("reconnectAttempts");
		await().untilAsserted(() -> assertThat(this.healthIndicator.health().getDetails().get("caches"))
			.isEqualTo(Map.of("assets", this.simulator.state().assets().size(), "conversations",
					this.simulator.state().conversations().size(), "anchors",
					this.simulator.workstreamIds("anchors").size(), "ranges", this.simulator.workstreamIds("ranges").size(), "summaries",
					this.simulator.workstreamIds("workstream_summaries").size())));
		Optional<UserProfile> user = this.client.user();
		assertThat(user).isPresent();
		String email = user.get().email();
		assertThat(email).isNotBlank();
		assertThat(health.toString()).doesNotContain(email);
		assertThat(String.valueOf(health.getDetails())).doesNotContain(email);
	}

	@Test
	void healthWhenPiecesOsVersionIsUnsupportedShouldBeDownAndSayWhatToUpdate() {
		await().untilAsserted(() -> assertThat(this.healthIndicator.health().getStatus()).isEqualTo(Status.UP));
		try {
			this.simulator.setVersion("13.0.1");
			this.health.reconnect();
			await().untilAsserted(() -> {
				Health health = this.healthIndicator.health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails().get("reason").toString()).contains("13.0.1")
					.contains("update the Pieces client");
				assertThat(health.getDetails()).containsEntry("version", "13.0.1");
			});
		}
		finally {
			this.simulator.setVersion("12.3.2");
		}
		this.health.reconnect();
		await().untilAsserted(() -> assertThat(this.healthIndicator.health().getStatus()).isEqualTo(Status.UP));
		assertThat(this.healthIndicator.health().getDetails()).containsEntry("version", "12.3.2");
	}

	@Test
	void healthShouldNeverCallPiecesOs() {
		// what a health check would call: the health and version endpoints, the user
		long before = healthRelatedRequests();
		for (int i = 0; i < 20; i++) {
			this.healthIndicator.health();
		}
		assertThat(healthRelatedRequests()).isEqualTo(before);
	}

	private long healthRelatedRequests() {
		return this.simulator.restRequests("/.well-known") + this.simulator.restRequests("/user");
	}

	@Test
	void metersShouldMoveAsFramesArrive() {
		double processed = frames("assets", "processed");
		double malformed = frames("assets", "malformed");
		this.simulator.createAsset("Meter test", "SELECT 1;", "sql");
		await().untilAsserted(() -> assertThat(frames("assets", "processed")).isGreaterThan(processed));
		this.simulator.sendRawFrame("assets", "[1, 2");
		await().untilAsserted(() -> assertThat(frames("assets", "malformed")).isGreaterThan(malformed));
		await().untilAsserted(() -> assertThat(this.meterRegistry.get(PiecesMeterBinder.ERRORS)
			.tag("stream", "assets")
			.counters()).isNotEmpty());
		for (PiecesStream stream : PiecesStream.values()) {
			assertThat(this.meterRegistry.get(PiecesMeterBinder.CONNECTED).tag("stream", stream.tag()).gauge().value())
				.isEqualTo(1.0);
		}
		await().untilAsserted(() -> assertThat(
				this.meterRegistry.get(PiecesMeterBinder.CACHE_SIZE).tag("cache", "assets").gauge().value())
			.isEqualTo(this.assets.cache().size()));
		assertThat(this.meterRegistry.get(PiecesMeterBinder.CACHE_HYDRATION).tag("cache", "assets").timers().stream()
			.mapToLong(Timer::count).sum()).isGreaterThanOrEqualTo(1);
		assertThat(this.meterRegistry.find(PiecesMeterBinder.FRAMES).meters())
			.allSatisfy((meter) -> assertThat(meter.getId().getTags()).extracting("key")
				.containsExactlyInAnyOrder("stream", "outcome"));
	}

	private double frames(String stream, String outcome) {
		return this.meterRegistry.get(PiecesMeterBinder.FRAMES).tag("stream", stream).tag("outcome", outcome)
			.counter()
			.count();
	}

	private <E extends app.pieces.boot.event.PiecesEvent> E lastOf(Class<E> type) {
		List<E> events = this.recorder.of(type);
		assertThat(events).isNotEmpty();
		return events.get(events.size() - 1);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		EventRecorder eventRecorder() {
			return new EventRecorder();
		}

		@Bean
		SlowListener slowListener() {
			return new SlowListener();
		}

		@Bean
		TypedItemListener typedItemListener() {
			return new TypedItemListener();
		}

	}

	/**
	 * A listener that can be told to block on the next health event.
	 */
	static class SlowListener {

		private volatile CountDownLatch release = new CountDownLatch(0);

		private volatile boolean blocking;

		CountDownLatch block() {
			this.release = new CountDownLatch(1);
			return this.release;
		}

		boolean isBlocking() {
			return this.blocking;
		}

		@EventListener
		void on(HealthStatusEvent event) throws InterruptedException {
			CountDownLatch latch = this.release;
			if (latch.getCount() > 0) {
				this.blocking = true;
				try {
					latch.await(1, TimeUnit.MINUTES);
				}
				finally {
					this.blocking = false;
				}
			}
		}

	}

	/**
	 * Listens to item events by their item type.
	 */
	static class TypedItemListener {

		final List<Anchor> anchors = new CopyOnWriteArrayList<>();

		final List<WorkstreamSummary> removedSummaries = new CopyOnWriteArrayList<>();

		final List<Asset> assets = new CopyOnWriteArrayList<>();

		@EventListener
		void anchor(ItemUpdatedEvent<Anchor> event) {
			this.anchors.add(event.getItem());
		}

		@EventListener
		void summaryRemoved(ItemRemovedEvent<WorkstreamSummary> event) {
			this.removedSummaries.add(event.getItem());
		}

		@EventListener
		void asset(ItemUpdatedEvent<Asset> event) {
			this.assets.add(event.getItem());
		}

	}

}
