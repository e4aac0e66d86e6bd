package app.pieces.websocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.pieces.client.PiecesClient;
import app.pieces.model.QGPTRelevanceInput;
import app.pieces.model.QGPTStreamEnum;
import app.pieces.model.QGPTStreamInput;
import app.pieces.model.QGPTStreamOutput;
import app.pieces.simulator.PiecesOsSimulator;

import static app.pieces.websocket.TestSupport.copy;
import static app.pieces.websocket.TestSupport.recorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reconnect behaviour against a simulator that restarts, also on another port: the client
 * discovers Pieces OS in a small port range, like it scans 39300-39333 in production.
 */
class WebsocketReconnectTests {

	private static final int RANGE = 4;

	private static int firstPort;

	private static PiecesOsSimulator simulator;

	private PiecesClient client;

	private PiecesWebsocketManager manager;

	@BeforeAll
	static void startSimulator() throws IOException {
		firstPort = findFreeRange(RANGE);
		simulator = PiecesOsSimulator.builder().port(firstPort).assets(12).conversations(4).build().start();
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	@BeforeEach
	void createManager() {
		await().atMost(Duration.ofSeconds(10)).until(simulator::isRunning);
		this.client = PiecesClient.builder()
			.portRange(firstPort, firstPort + RANGE - 1)
			.portFiles(List.of())
			.legacyPorts(false)
			.build();
		this.manager = new PiecesWebsocketManager(this.client, TestSupport.fastSettings());
	}

	@AfterEach
	void closeManager() {
		this.manager.closeAll();
		this.client.close();
	}

	@Test
	void allSocketsWhenServerRestartsShouldReconnectAndCachesShouldDropObjectsDeletedMeanwhile() throws Exception {
		List<String> removedAssets = recorder();
		List<String> closes = recorder();
		HealthWS health = this.manager.health(WebsocketListener.of(null, null, null, (status) -> closes.add("health")));
		AuthWS user = this.manager.user(WebsocketListener.of(null, null, null, (status) -> closes.add("user")));
		AssetsIdentifiersWS assets = this.manager
			.assets(AssetsListener.of(null, (asset) -> removedAssets.add(asset.id()), null, null, null));
		ConversationWS conversations = this.manager.conversations(new ConversationsListener() {
		});
		AskStreamWS ask = this.manager.ask(WebsocketListener.of(null, null, null, (status) -> closes.add("qgpt")));
		this.manager.startAll();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertThat(conversations.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		awaitAllConnected();
		String doomedAsset = simulator.state().assets().get(0);
		String doomedConversation = simulator.state().conversations().get(0);

		simulator.restart(Duration.ofSeconds(2));
		await().until(() -> !simulator.isRunning());
		simulator.deleteAsset(doomedAsset, true);
		simulator.deleteConversation(doomedConversation, true);
		String bornAsset = simulator.createAsset("Born offline", "SELECT 1;", "sql", true);
		await().until(() -> closes.containsAll(List.of("health", "user", "qgpt")));

		await().atMost(Duration.ofSeconds(20)).until(simulator::isRunning);
		awaitAllConnected();
		await().until(() -> assets.cache().isSynced() && conversations.cache().isSynced());
		assertThat(assets.cache().ids()).containsExactlyInAnyOrderElementsOf(simulator.state().assets());
		assertThat(conversations.cache().ids())
			.containsExactlyInAnyOrderElementsOf(simulator.state().conversations());
		assertThat(assets.cache().ids()).doesNotContain(doomedAsset).contains(bornAsset);
		await().until(() -> removedAssets.contains(doomedAsset));
		assertThat(health.reconnectAttempts()).isZero();
		assertThat(user.isConnected()).isTrue();
		assertThat(ask.isConnected()).isTrue();
	}

	@Test
	void allSocketsWhenServerMovesToAnotherPortShouldRediscoverAndReconnect() throws Exception {
		AssetsIdentifiersWS assets = this.manager.assets(new AssetsListener() {
		});
		this.manager.health(new WebsocketListener<>() {
		});
		this.manager.user(new WebsocketListener<>() {
		});
		this.manager.conversations(new ConversationsListener() {
		});
		this.manager.ask(new WebsocketListener<>() {
		});
		this.manager.startAll();
		awaitAllConnected();
		int oldPort = simulator.port();
		int newPort = (oldPort == firstPort) ? firstPort + 2 : firstPort;
		simulator.restart(Duration.ofMillis(300), newPort);
		await().atMost(Duration.ofSeconds(20)).until(() -> simulator.isRunning() && simulator.port() == newPort);
		String created = simulator.createAsset("After the move", "fn main() {}", "rs");
		awaitAllConnected();
		assertThat(this.client.baseUri()).hasValueSatisfying((uri) -> assertThat(uri.getPort()).isEqualTo(newPort));
		for (String stream : List.of("health", "user", "assets", "conversations", "qgpt")) {
			await().until(() -> simulator.openSessions(stream) == 1);
		}
		await().until(() -> assets.cache().isSynced() && assets.cache().get(created).isPresent());
		assertThat(assets.cache().ids()).containsExactlyInAnyOrderElementsOf(simulator.state().assets());
	}

	@Test
	void closedSocketShouldNotReconnectWhenServerComesBack() {
		HealthWS health = this.manager.health(new WebsocketListener<>() {
		});
		health.start();
		await().until(health::isConnected);
		health.close();
		simulator.restart(Duration.ofMillis(200));
		await().until(() -> !simulator.isRunning());
		await().atMost(Duration.ofSeconds(20)).until(simulator::isRunning);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> simulator.openSessions("health") == 0);
		assertThat(health.state()).isEqualTo(ConnectionState.CLOSED);
	}

	@Test
	void askMessageSentWhileDisconnectedShouldBeSentExactlyOnceAfterReconnect() throws Exception {
		List<QGPTStreamOutput> outputs = recorder();
		List<String> lifecycle = recorder();
		AskStreamWS ask = this.manager.ask(WebsocketListener.of(outputs::add, () -> lifecycle.add("open"), null,
				(status) -> lifecycle.add("close")));
		ask.start();
		await().until(() -> lifecycle.contains("open"));
		simulator.restart(Duration.ofSeconds(1));
		await().until(() -> lifecycle.contains("close"));
		assertThat(ask.isConnected()).isFalse();
		String request = UUID.randomUUID().toString();
		CompletableFuture<Void> sent = ask.sendMessage(question(request));
		assertThat(ask.queuedMessages()).isEqualTo(1);
		sent.get(20, TimeUnit.SECONDS);
		awaitCompleted(outputs, request);

		// a second reconnect must not send the old question again
		int opens = count(lifecycle, "open");
		simulator.restart(Duration.ofMillis(200));
		await().atMost(Duration.ofSeconds(20)).until(() -> count(lifecycle, "open") == opens + 1);
		String probe = UUID.randomUUID().toString();
		ask.sendMessage(question(probe)).get(5, TimeUnit.SECONDS);
		awaitCompleted(outputs, probe);
		assertThat(simulator.copilot().receivedInputs()).filteredOn((input) -> input.contains(request)).hasSize(1);
	}

	@Test
	void askMessageSentBeforeStartShouldStartTheSocketAndBeSentOnce() throws Exception {
		List<QGPTStreamOutput> outputs = recorder();
		AskStreamWS ask = this.manager.ask(WebsocketListener.onMessage(outputs::add));
		assertThat(ask.state()).isEqualTo(ConnectionState.IDLE);
		String request = UUID.randomUUID().toString();
		ask.sendMessage(question(request)).get(10, TimeUnit.SECONDS);
		awaitCompleted(outputs, request);
		assertThat(simulator.copilot().receivedInputs()).filteredOn((input) -> input.contains(request)).hasSize(1);
	}

	@Test
	void askMessageAfterCloseShouldFailInsteadOfBeingLost() {
		AskStreamWS ask = this.manager.ask(new WebsocketListener<>() {
		});
		ask.start();
		ask.close();
		CompletableFuture<Void> sent = ask.sendMessage(question(UUID.randomUUID().toString()));
		assertThat(sent).isCompletedExceptionally();
	}

	@Test
	void concurrentAskMessagesShouldEachArriveIntactExactlyOnce() throws Exception {
		AskStreamWS ask = this.manager.ask(new WebsocketListener<>() {
		});
		ask.start();
		await().until(ask::isConnected);
		List<String> requests = java.util.stream.IntStream.range(0, 24)
			.mapToObj((i) -> UUID.randomUUID().toString())
			.toList();
		java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			List<CompletableFuture<Void>> sent = requests.stream()
				.map((request) -> CompletableFuture.supplyAsync(() -> ask.sendMessage(question(request)), senders)
					.thenCompose((future) -> future))
				.toList();
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
		}
		finally {
			senders.shutdownNow();
		}
		await().untilAsserted(() -> {
			List<String> inputs = simulator.copilot().receivedInputs();
			for (String request : requests) {
				assertThat(inputs).filteredOn((input) -> input.contains(request)).hasSize(1);
			}
		});
	}

	@Test
	void askMessageFromAnInterruptedThreadShouldBeSentWithoutDroppingTheSharedConnection() throws Exception {
		List<String> closes = recorder();
		AskStreamWS ask = this.manager.ask(WebsocketListener.of(null, null, null, (status) -> closes.add("close")));
		ask.start();
		await().until(ask::isConnected);
		String request = UUID.randomUUID().toString();
		CompletableFuture<CompletableFuture<Void>> sending = new CompletableFuture<>();
		Thread caller = new Thread(() -> {
			Thread.currentThread().interrupt();
			sending.complete(ask.sendMessage(question(request)));
		});
		caller.start();
		sending.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
		await().until(() -> simulator.copilot().receivedInputs().stream().anyMatch((input) -> input.contains(request)));
		assertThat(ask.isConnected()).isTrue();
		assertThat(closes).isEmpty();
	}

	@Test
	void askMessagesSentOneAfterAnotherShouldArriveInTheOrderTheyWereSent() throws Exception {
		AskStreamWS ask = this.manager.ask(new WebsocketListener<>() {
		});
		ask.start();
		await().until(ask::isConnected);
		List<String> requests = java.util.stream.IntStream.range(0, 20)
			.mapToObj((i) -> UUID.randomUUID().toString())
			.toList();
		List<CompletableFuture<Void>> sent = requests.stream().map((request) -> ask.sendMessage(question(request))).toList();
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
		await().untilAsserted(() -> {
			List<String> received = simulator.copilot()
				.receivedInputs()
				.stream()
				.flatMap((input) -> requests.stream().filter(input::contains))
				.toList();
			assertThat(received).containsExactlyElementsOf(requests);
		});
	}

	private void awaitAllConnected() {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.manager.sockets().stream().allMatch(BaseWebsocket::isConnected));
	}

	private static QGPTStreamInput question(String request) {
		return QGPTStreamInput.ofRelevance(request, null,
				QGPTRelevanceInput.question("What is a backoff? " + request, null, null));
	}

	private static void awaitCompleted(List<QGPTStreamOutput> outputs, String request) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> copy(outputs).stream()
				.anyMatch((output) -> request.equals(output.request()) && output.status() == QGPTStreamEnum.COMPLETED));
	}

	private static int count(List<String> recorder, String value) {
		return (int) copy(recorder).stream().filter(value::equals).count();
	}

	private static int findFreeRange(int size) throws IOException {
		for (int attempt = 0; attempt < 50; attempt++) {
			int base;
			try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				base = probe.getLocalPort();
			}
			if (base + size > 65535) {
				continue;
			}
			if (allFree(base, size)) {
				return base;
			}
		}
		throw new IllegalStateException("No free port range found");
	}

	private static boolean allFree(int base, int size) {
		for (int port = base; port < base + size; port++) {
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				socket.setReuseAddress(true);
			}
			catch (IOException ex) {
				return false;
			}
		}
		return true;
	}

}
