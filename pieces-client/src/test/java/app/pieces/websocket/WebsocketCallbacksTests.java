package app.pieces.websocket;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.model.Asset;
import app.pieces.model.Conversation;
import app.pieces.model.QGPTRelevanceInput;
import app.pieces.model.QGPTStreamEnum;
import app.pieces.model.QGPTStreamInput;
import app.pieces.model.QGPTStreamOutput;
import app.pieces.model.StreamedIdentifiers;
import app.pieces.model.UserProfile;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static app.pieces.websocket.TestSupport.copy;
import static app.pieces.websocket.TestSupport.recorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every callback of every socket, with the right payload type, against the simulator.
 */
class WebsocketCallbacksTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(6).conversations(3).build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces);

	@Test
	void healthSocketShouldDeliverStatusTextThenCloseCallbackOnClose() {
		List<String> events = recorder();
		HealthWS health = new HealthWS(this.sockets.manager(), (String status) -> events.add("message:" + status),
				() -> events.add("open"), (error) -> events.add("error:" + error), (status) -> events.add("close:" + status.getCode()));
		health.start();
		await().until(() -> events.contains("message:OK"));
		assertThat(copy(events).get(0)).isEqualTo("open");
		assertThat(health.isConnected()).isTrue();
		assertThat(health.isHealthy()).isTrue();
		assertThat(health.lastFrameAt()).isPresent();
		assertThat(health.stream().tag()).isEqualTo("health");
		health.close();
		await().until(() -> events.contains("close:1000"));
		assertThat(health.state()).isEqualTo(ConnectionState.CLOSED);
		assertThat(events).noneMatch((event) -> event.startsWith("error"));
	}

	@Test
	void userSocketShouldDeliverProfileAndEmptyOptionalOnLogout() {
		List<Optional<UserProfile>> users = recorder();
		AuthWS auth = this.sockets.manager().user(WebsocketListener.onMessage(users::add));
		auth.start();
		await().until(() -> last(users).filter(Optional::isPresent).isPresent());
		Map<String, Object> expected = simulator().state().user();
		assertThat(expected).isNotNull();
		assertThat(last(users).get().get().id()).isEqualTo(expected.get("id"));
		simulator().logout();
		await().until(() -> last(users).map(Optional::isEmpty).orElse(false));
		assertThat(auth.currentUser()).isEmpty();
		simulator().login();
		await().until(() -> last(users).map(Optional::isPresent).orElse(false));
		assertThat(auth.currentUser()).isPresent();
	}

	@Test
	void assetsSocketShouldHydrateCacheAndFollowCreateUpdateAndDelete() throws Exception {
		List<String> updates = recorder();
		List<String> removes = recorder();
		List<StreamedIdentifiers> frames = recorder();
		List<String> lifecycle = recorder();
		AssetsIdentifiersWS assets = new AssetsIdentifiersWS(this.sockets.manager(), (asset) -> updates.add(asset.id()),
				(asset) -> removes.add(asset.id()), () -> lifecycle.add("open"), (error) -> lifecycle.add("error"),
				(status) -> lifecycle.add("close"));
		assets.addListener(WebsocketListener.onMessage(frames::add));
		assets.start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertThat(assets.cache().ids()).containsExactlyInAnyOrderElementsOf(simulator().state().assets());
		await().untilAsserted(() -> assertThat(updates).containsAll(simulator().state().assets()));
		assertThat(frames).isNotEmpty();
		assertThat(lifecycle).containsExactly("open");
		String id = simulator().createAsset("Retry helper", "class Retry {}", "java");
		await().until(() -> assets.cache().get(id).isPresent());
		simulator().updateAsset(id, "Renamed helper");
		await().until(() -> assets.cache().get(id).map(Asset::name).filter("Renamed helper"::equals).isPresent());
		simulator().deleteAsset(id);
		await().until(() -> removes.contains(id));
		assertThat(assets.cache().get(id)).isEmpty();
		assertThat(assets.cache().snapshot()).extracting(Asset::updatedAt)
			.isSortedAccordingTo(Comparator.nullsLast(Comparator.<Instant>reverseOrder()));
		assertThat(assets.cache().snapshot()).hasSize(assets.cache().size());
	}

	@Test
	void assetsSocketShouldTellGenericIdentifierListenersAndAssetsListenersAlike() throws Exception {
		List<String> generic = recorder();
		List<String> seedShaped = recorder();
		AssetsIdentifiersWS assets = new AssetsIdentifiersWS(this.sockets.manager(),
				IdentifiersListener.of((Asset asset) -> generic.add("update:" + asset.id()),
						(asset) -> generic.add("remove:" + asset.id()), null, null, null));
		assets.addListener(new AssetsListener() {

			@Override
			public void onAssetUpdate(Asset asset) {
				seedShaped.add("update:" + asset.id());
			}

			@Override
			public void onAssetRemove(Asset asset) {
				seedShaped.add("remove:" + asset.id());
			}

		});
		assets.start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		String id = simulator().createAsset("Retry helper", "class Retry {}", "java");
		await().until(() -> assets.cache().get(id).isPresent());
		simulator().deleteAsset(id);
		await().untilAsserted(() -> assertThat(generic).contains("update:" + id, "remove:" + id));
		await().untilAsserted(() -> assertThat(seedShaped).contains("update:" + id, "remove:" + id));
		assertThat(generic).containsExactlyElementsOf(seedShaped);
	}

	@Test
	void conversationSocketShouldHydrateCacheAndFollowCreateUpdateAndDelete() throws Exception {
		List<String> updates = recorder();
		List<String> removes = recorder();
		ConversationWS conversations = this.sockets.manager().conversations(ConversationsListener
			.of((conversation) -> updates.add(conversation.id()), (conversation) -> removes.add(conversation.id()), null,
					null, null));
		conversations.start();
		assertThat(conversations.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertThat(conversations.cache().ids())
			.containsExactlyInAnyOrderElementsOf(simulator().state().conversations());
		String id = simulator().createConversation("Design review");
		await().until(() -> conversations.cache().get(id).isPresent());
		simulator().updateConversation(id, "Design review (done)");
		await().until(() -> conversations.cache()
			.get(id)
			.map(Conversation::name)
			.filter("Design review (done)"::equals)
			.isPresent());
		simulator().deleteConversation(id);
		await().until(() -> removes.contains(id));
		assertThat(conversations.cache().get(id)).isEmpty();
		assertThat(updates).contains(id);
	}

	@Test
	void askSocketShouldDeliverEveryOutputFrameOfAnAnswer() throws Exception {
		List<QGPTStreamOutput> outputs = recorder();
		AskStreamWS ask = this.sockets.manager().ask(WebsocketListener.onMessage(outputs::add));
		ask.start();
		await().until(ask::isConnected);
		String request = UUID.randomUUID().toString();
		String question = "How do I add jitter to this retry helper?";
		ask.sendMessage(QGPTStreamInput.ofRelevance(request, null, QGPTRelevanceInput.question(question, null, null)))
			.get(5, TimeUnit.SECONDS);
		await().until(() -> copy(outputs).stream()
			.anyMatch((output) -> request.equals(output.request()) && output.status() == QGPTStreamEnum.COMPLETED));
		String answer = copy(outputs).stream()
			.filter((output) -> request.equals(output.request()))
			.map(QGPTStreamOutput::text)
			.collect(Collectors.joining());
		assertThat(answer).isEqualTo(simulator().copilot().answerFor(question));
		assertThat(outputs).allSatisfy((output) -> assertThat(output.conversation()).isNotBlank());
	}

	@Test
	void observerShouldSeeConnectionsFramesPayloadsAndCacheEvents() throws Exception {
		List<String> seen = recorder();
		this.sockets.manager().addEventListener(new ClientEventListener() {

			@Override
			public void onEvent(ClientEvent event) {
				if (event instanceof ClientEvent.Connected connected) {
					BaseWebsocket<?> socket = connected.socket();
					seen.add("connected:" + socket.stream().tag());
				}
				else if (event instanceof ClientEvent.Disconnected disconnected) {
					BaseWebsocket<?> socket = disconnected.socket();
					seen.add("disconnected:" + socket.stream().tag());
				}
				else if (event instanceof ClientEvent.FrameHandled frame) {
					BaseWebsocket<?> socket = frame.socket();
					FrameOutcome outcome = frame.outcome();
					seen.add("frame:" + socket.stream().tag() + ":" + outcome.tag());
				}
				else if (event instanceof ClientEvent.Message<?> message) {
					BaseWebsocket<?> socket = message.socket();
					Object payload = message.payload();
					seen.add("message:" + socket.stream().tag() + ":" + payload.getClass().getSimpleName());
				}
				else if (event instanceof ClientEvent.ItemUpdated<?> updated) {
					IdentifierCache<?> cache = updated.socket().cache();
					seen.add("cacheUpdated:" + cache.name());
				}
				else if (event instanceof ClientEvent.ItemRemoved<?> removed) {
					IdentifierCache<?> cache = removed.socket().cache();
					seen.add("cacheRemoved:" + cache.name());
				}
				else if (event instanceof ClientEvent.Synced synced) {
					IdentifierCache<?> cache = synced.socket().cache();
					int size = synced.size();
					seen.add("cacheHydrated:" + cache.name() + ":" + size);
				}
			}

		});
		HealthWS health = this.sockets.manager().health(WebsocketListener.onMessage((status) -> {
		}));
		AssetsIdentifiersWS assets = this.sockets.manager().assets(new AssetsListener() {
		});
		this.sockets.manager().startAll();
		assertThat(this.sockets.manager().isRunning()).isTrue();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		await().until(() -> seen.contains("message:health:String"));
		String id = simulator().createAsset("Observer", "print('hi')", "py");
		await().until(() -> assets.cache().get(id).isPresent());
		simulator().deleteAsset(id);
		await().until(() -> seen.contains("cacheRemoved:assets"));
		this.sockets.manager().closeAll();
		await().until(() -> seen.contains("disconnected:health") && seen.contains("disconnected:assets"));
		assertThat(seen).contains("connected:health", "connected:assets", "frame:health:processed",
				"frame:assets:processed", "message:assets:StreamedIdentifiers", "cacheUpdated:assets",
				"cacheHydrated:assets:" + simulator().state().assets().size());
		assertThat(health.state()).isEqualTo(ConnectionState.CLOSED);
		assertThat(this.sockets.manager().isRunning()).isFalse();
	}

	@Test
	void slowListenerOfOneSocketShouldNotStallAnotherSocketAndOrderShouldBeKept() throws Exception {
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		List<String> healthMessages = recorder();
		HealthWS health = this.sockets.manager().health(WebsocketListener.onMessage((String status) -> {
			healthMessages.add(status);
			if ("block".equals(status)) {
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}));
		List<Optional<UserProfile>> users = recorder();
		AuthWS auth = this.sockets.manager().user(WebsocketListener.onMessage(users::add));
		this.sockets.manager().startAll();
		// the health stream's "OK" on connect proves that the simulator has registered the session
		await().until(() -> health.isConnected() && !healthMessages.isEmpty() && auth.isConnected()
				&& !users.isEmpty());
		simulator().sendRawFrame("health", "block");
		await().until(() -> healthMessages.contains("block"));
		for (int i = 0; i < 20; i++) {
			simulator().sendRawFrame("health", "n" + i);
		}
		int before = users.size();
		simulator().logout();
		simulator().login();
		await().until(() -> users.size() >= before + 2);
		assertThat(healthMessages).doesNotContain("n0");
		release.countDown();
		await().until(() -> healthMessages.contains("n19"));
		List<String> numbered = copy(healthMessages).stream().filter((message) -> message.startsWith("n")).toList();
		assertThat(numbered).containsExactlyElementsOf(
				java.util.stream.IntStream.range(0, 20).mapToObj((i) -> "n" + i).toList());
	}

	@Test
	void everySocketShouldFireOpenErrorAndCloseCallbacks() {
		PiecesWebsocketManager small = new PiecesWebsocketManager(this.sockets.client(),
				TestSupport.fastSettings().withMaxTextMessageSize(4096));
		try {
			List<String> events = recorder();
			small.health(recording("health", events));
			small.user(recording("user", events));
			small.assets(AssetsListener.of((asset) -> events.add("update:assets"), null, () -> events.add("open:assets"),
					(error) -> events.add("error:assets"), (status) -> events.add("close:assets")));
			small.conversations(ConversationsListener.of((conversation) -> events.add("update:conversations"), null,
					() -> events.add("open:conversations"), (error) -> events.add("error:conversations"),
					(status) -> events.add("close:conversations")));
			small.ask(recording("qgpt", events));
			small.startAll();
			List<String> streams = List.of("health", "user", "assets", "conversations", "qgpt");
			await().until(() -> streams.stream().allMatch((stream) -> events.contains("open:" + stream)));
			await().until(() -> events.containsAll(
					List.of("update:assets", "update:conversations", "message:health", "message:user")));
			for (String stream : streams) {
				simulator().sendRawFrame(stream, "x".repeat(10_000));
			}
			await().until(() -> streams.stream().allMatch((stream) -> events.contains("error:" + stream)));
			small.closeAll();
			await().until(() -> streams.stream().allMatch((stream) -> events.contains("close:" + stream)));
		}
		finally {
			small.closeAll();
		}
	}

	private static <T> WebsocketListener<T> recording(String stream, List<String> events) {
		return WebsocketListener.of((message) -> events.add("message:" + stream), () -> events.add("open:" + stream),
				(error) -> events.add("error:" + stream), (status) -> events.add("close:" + stream));
	}

	private static <T> Optional<T> last(List<T> recorder) {
		List<T> items = copy(recorder);
		return items.isEmpty() ? Optional.empty() : Optional.of(items.get(items.size() - 1));
	}

	private static PiecesOsSimulator simulator() {
		return pieces.simulator();
	}

}
