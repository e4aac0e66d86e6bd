package app.pieces.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import app.pieces.boot.autoconfigure.PiecesWebsocketLifecycle;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.SimulatorState;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.ConversationWS;
import app.pieces.websocket.PiecesStream;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thirty simulator restarts, every third one on another port, while assets and conversations
 * are created, renamed and deleted at a steady rate: after each restart the caches equal the
 * simulator's state, no rename is lost, no deleted entry survives, an event arrives for each
 * change, and the number of client threads stays flat.
 */
class RestartUnderLoadTests {

	private static final int RESTARTS = 30;

	private static final int PORTS = 3;

	private static final Duration DOWNTIME = Duration.ofMillis(100);

	private static final long MUTATION_PERIOD_MILLIS = 15;

	@Test
	void cachesWhenSimulatorRestartsThirtyTimesUnderSteadyChangesShouldEqualSimulatorStateAfterEachRestart()
			throws Exception {
		int firstPort = Threads.freePortRange(PORTS);
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder()
			.port(firstPort)
			.assets(40)
			.conversations(8)
			.healthInterval(Duration.ZERO)
			.chunkDelay(Duration.ZERO)
			.build()
			.start();
				ConfigurableApplicationContext context = ReliabilityApplication
					.run(Map.of("discovery.first-port", firstPort, "discovery.last-port", firstPort + PORTS - 1));
				SteadyMutator mutator = new SteadyMutator(simulator)) {
			EventLog events = context.getBean(EventLog.class);
			AssetsIdentifiersWS assets = context.getBean(AssetsIdentifiersWS.class);
			ConversationWS conversations = context.getBean(ConversationWS.class);
			List<BaseWebsocket<?>> sockets = context.getBean(PiecesWebsocketLifecycle.class).getWebsockets();
			assertThat(sockets).extracting(BaseWebsocket::stream).containsExactlyInAnyOrder(PiecesStream.values());
			awaitConverged(simulator, assets, conversations, events, mutator);
			int threadsAtStart = Threads.clientThreads().size();
			List<Integer> threadCounts = new ArrayList<>();
			int moves = 0;
			for (int restart = 1; restart <= RESTARTS; restart++) {
				Map<PiecesStream, Integer> connectsBefore = connects(events);
				mutator.start(MUTATION_PERIOD_MILLIS);
				if (restart % 3 == 0) {
					int newPort = firstPort + ((simulator.port() - firstPort + 1) % PORTS);
					simulator.restart(DOWNTIME, newPort);
					moves++;
					await().atMost(Duration.ofSeconds(20))
						.until(() -> simulator.isRunning() && simulator.port() == newPort);
				}
				else {
					simulator.restart(DOWNTIME);
					await().atMost(Duration.ofSeconds(20)).until(simulator::isRunning);
				}
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(connects(events)).allSatisfy(
							(stream, count) -> assertThat(count).as("connects of %s", stream)
								.isGreaterThan(connectsBefore.get(stream))));
				mutator.stop();
				awaitConverged(simulator, assets, conversations, events, mutator);
				threadCounts.add(Threads.clientThreads().size());
			}
			assertThat(moves).isEqualTo(RESTARTS / 3);
			assertThat(mutator.mutations()).isGreaterThan(RESTARTS);
			// idle pool threads end after their keep-alive: what stays must not have grown
			await().atMost(Duration.ofSeconds(40))
				.untilAsserted(() -> assertThat(Threads.clientThreads().size()).as(Threads.clientThreadNames().toString())
					.isLessThanOrEqualTo(threadsAtStart));
			System.out.printf("restart soak: %d restarts (%d on a new port), %d changes, %d deleted assets,"
					+ " %d deleted conversations, client threads at start %d, after each restart %s%n", RESTARTS,
					moves, mutator.mutations(), mutator.deletedAssets().size(), mutator.deletedConversations().size(),
					threadsAtStart, threadCounts);
		}
	}

	private static Map<PiecesStream, Integer> connects(EventLog events) {
		Map<PiecesStream, Integer> connects = new EnumMap<>(PiecesStream.class);
		for (PiecesStream stream : PiecesStream.values()) {
			connects.put(stream, events.connects(stream));
		}
		return connects;
	}

	private static void awaitConverged(PiecesOsSimulator simulator, AssetsIdentifiersWS assets,
			ConversationWS conversations, EventLog events, SteadyMutator mutator) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			SimulatorState state = simulator.state();
			assertThat(assets.cache().isSynced()).isTrue();
			assertThat(conversations.cache().isSynced()).isTrue();
			assertThat(assets.cache().ids()).containsExactlyInAnyOrderElementsOf(state.assets());
			assertThat(conversations.cache().ids()).containsExactlyInAnyOrderElementsOf(state.conversations());
			assertThat(assets.cache().ids()).filteredOn(mutator.deletedAssets()::contains).isEmpty();
			assertThat(conversations.cache().ids()).filteredOn(mutator.deletedConversations()::contains).isEmpty();
			for (String id : state.assets()) {
				String expected = nameOf(simulator.asset(id).orElseThrow());
				assertThat(assets.cache().get(id)).hasValueSatisfying(
						(asset) -> assertThat(asset.name()).as("cached name of asset %s", id).isEqualTo(expected));
				assertThat(events.lastAssetName(id)).as("last update event of asset %s", id).hasValue(expected);
			}
			for (String id : state.conversations()) {
				String expected = nameOf(simulator.conversation(id).orElseThrow());
				assertThat(conversations.cache().get(id)).hasValueSatisfying((conversation) -> assertThat(
						conversation.name())
					.as("cached name of conversation %s", id)
					.isEqualTo(expected));
				assertThat(events.lastConversationName(id)).as("last update event of conversation %s", id)
					.hasValue(expected);
			}
			for (String id : mutator.deletedAssets()) {
				if (events.assetSeen(id)) {
					assertThat(events.assetRemoved(id)).as("removal event of asset %s", id).isTrue();
				}
			}
			for (String id : mutator.deletedConversations()) {
				if (events.conversationSeen(id)) {
					assertThat(events.conversationRemoved(id)).as("removal event of conversation %s", id).isTrue();
				}
			}
		});
	}

	private static String nameOf(Map<String, Object> snapshot) {
		return Objects.toString(snapshot.get("name"), "");
	}

}
