package app.pieces.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.HealthWS;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.ReconnectSettings;
import app.pieces.websocket.WebsocketSettings;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Port discovery against two simulators on known ports: {@code first} (free), {@code first + 1} (lower
 * simulator), {@code first + 2} (free), {@code first + 3} (higher simulator).
 */
class PiecesClientDiscoveryTests {

	/**
	 * Probe timeout for these tests: ports without a listener fail at once anyway, and a generous timeout keeps
	 * a loaded build machine from turning a slow simulator into a missing one.
	 */
	private static final Duration PATIENT = Duration.ofSeconds(5);

	private static int first;

	private static PiecesOsSimulator lower;

	private static PiecesOsSimulator higher;

	private final List<PiecesClient> clients = new ArrayList<>();

	@TempDir
	Path tempDir;

	@BeforeAll
	static void startSimulators() {
		first = TestPorts.freeBlock(4);
		lower = PiecesOsSimulator.builder().port(first + 1).healthInterval(Duration.ZERO).start();
		higher = PiecesOsSimulator.builder().port(first + 3).healthInterval(Duration.ZERO).start();
	}

	@AfterAll
	static void stopSimulators() {
		lower.close();
		higher.close();
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(PiecesClient::close);
		lower.setHealthy(true);
		higher.setHealthy(true);
	}

	@Test
	void discoverWhenASimulatorIsInThePortRangeShouldFindIt() {
		PiecesClient client = scanning(first + 2, first + 3);
		assertThat(client.baseUri()).isEmpty();
		URI base = client.discover();
		assertThat(base).isEqualTo(URI.create("http://127.0.0.1:" + (first + 3)));
		assertThat(client.baseUri()).contains(base);
		assertThat(client.isHealthy()).isTrue();
	}

	@Test
	void discoverWhenTwoSimulatorsAnswerShouldPickTheLowestPort() {
		PiecesClient client = scanning(first, first + 3);
		assertThat(client.discover()).isEqualTo(URI.create(lower.baseUrl()));
	}

	@Test
	void discoverShouldPreferAHealthyPortFileOverTheScan() throws Exception {
		Path missing = this.tempDir.resolve("missing/.port.txt");
		Path portFile = Files.writeString(this.tempDir.resolve(".port.txt"), (first + 3) + "\n");
		PiecesClient client = track(PiecesClient.builder()
			.portRange(first, first + 3)
			.portFiles(List.of(missing, portFile))
			.legacyPorts(false)
			.probeTimeout(PATIENT)
			.build());
		assertThat(client.discover()).isEqualTo(URI.create(higher.baseUrl()));
	}

	@Test
	void discoverWhenPortFilesAreUnreadableOrStaleShouldFallBackToTheScan() throws Exception {
		Path garbage = Files.writeString(this.tempDir.resolve("garbage.txt"), "not a port");
		Path outOfRange = Files.writeString(this.tempDir.resolve("out-of-range.txt"), "70000");
		Path stale = Files.writeString(this.tempDir.resolve("stale.txt"), String.valueOf(first + 2));
		PiecesClient client = track(PiecesClient.builder()
			.portRange(first, first + 3)
			.portFiles(List.of(garbage, outOfRange, stale, this.tempDir))
			.legacyPorts(false)
			.probeTimeout(PATIENT)
			.build());
		assertThat(client.discover()).isEqualTo(URI.create(lower.baseUrl()));
		assertThat(client.lastDiscoveryTrail()).as("the trail names steps, never the port files' paths")
			.contains("port file 1: unreadable", "port file 2: unreadable",
					"port file 3: port " + (first + 2) + " does not answer", "port file 4: not a file",
					"ports " + first + ".." + (first + 3) + ": port " + (first + 1) + " healthy",
					"found " + lower.baseUrl())
			.noneMatch((step) -> step.contains(this.tempDir.toString()));
		assertThat(client.lastDiscoveryTrail().get(0)).startsWith("started ");
	}

	@Test
	void discoverWhenNothingAnswersShouldThrowPiecesUnavailableAndForgetTheBase() {
		int block = TestPorts.freeBlock(2);
		PiecesClient client = scanning(block, block + 1);
		try (PiecesOsSimulator vanishing = PiecesOsSimulator.builder().port(block).healthInterval(Duration.ZERO)
			.start()) {
			assertThat(client.discover()).isEqualTo(URI.create(vanishing.baseUrl()));
		}
		assertThatExceptionOfType(PiecesUnavailableException.class).isThrownBy(client::discover)
			.withMessageContaining("Pieces OS not found")
			.withMessageContaining(block + ".." + (block + 1));
		assertThat(client.baseUri()).isEmpty();
		assertThat(client.isHealthy()).isFalse();
	}

	@Test
	void discoverWhenTheCurrentBaseAnswersNotOkShouldKeepIt() {
		int block = TestPorts.freeBlock(2);
		try (PiecesOsSimulator unhealthy = PiecesOsSimulator.builder().port(block).healthInterval(Duration.ZERO)
			.start()) {
			PiecesClient client = scanning(block, block + 1);
			assertThat(client.discover()).isEqualTo(URI.create(unhealthy.baseUrl()));
			unhealthy.setHealthy(false);
			assertThat(client.discover()).isEqualTo(URI.create(unhealthy.baseUrl()));
			assertThat(client.baseUri()).contains(URI.create(unhealthy.baseUrl()));
			assertThat(client.isHealthy()).isFalse();
			// a scan finds a Pieces OS that answers but not OK, too
			PiecesClient fresh = scanning(block, block + 1);
			assertThat(fresh.discover()).isEqualTo(URI.create(unhealthy.baseUrl()));
			assertThat(fresh.isHealthy()).isFalse();
		}
	}

	@Test
	void socketsWhenPiecesOsAnswersNotOkShouldStillReconnectAfterDiscovery() {
		int block = TestPorts.freeBlock(2);
		try (PiecesOsSimulator unhealthy = PiecesOsSimulator.builder().port(block).start()) {
			PiecesClient client = scanning(block, block + 1);
			PiecesWebsocketManager manager = new PiecesWebsocketManager(client, WebsocketSettings.defaults()
				.withReconnect(ReconnectSettings.defaults().withIntervals(Duration.ofMillis(100), Duration.ofMillis(500))));
			try {
				HealthWS health = manager.health(null);
				health.start();
				await().until(health::isHealthy);
				unhealthy.setHealthy(false);
				health.reconnect();
				await().until(() -> health.isConnected() && health.lastStatus().filter("UNHEALTHY"::equals).isPresent());
				assertThat(client.baseUri()).contains(URI.create(unhealthy.baseUrl()));
			}
			finally {
				manager.closeAll();
			}
		}
	}

	@Test
	void discoverWhenNoPortIsOpenShouldThrowPiecesUnavailable() {
		PiecesClient client = scanning(first, first);
		assertThatExceptionOfType(PiecesUnavailableException.class).isThrownBy(client::discover);
		assertThatExceptionOfType(PiecesUnavailableException.class).isThrownBy(() -> client.asset("any"));
		assertThatExceptionOfType(PiecesUnavailableException.class).isThrownBy(() -> client.websocketUri("/x"));
	}

	@Test
	void discoverWhenTheCurrentBaseIsStillHealthyShouldNotScanAgain() throws Exception {
		// the lower instance is known through a port file only; the range holds just the higher one, so a
		// new search would answer with the higher one
		try (SimulatorPair pair = SimulatorPair.start()) {
			Path portFile = this.tempDir.resolve(".port.txt");
			Files.writeString(portFile, Integer.toString(pair.lower().port()));
			PiecesClient client = track(PiecesClient.builder()
				.portRange(pair.first() + 2, pair.first() + 3)
				.portFiles(List.of(portFile))
				.legacyPorts(false)
				.probeTimeout(PATIENT)
				.build());
			assertThat(client.discover()).isEqualTo(URI.create(pair.lower().baseUrl()));
			assertThat(healthProbes(pair.lower())).isEqualTo(1);
			Files.delete(portFile);
			assertThat(client.discover()).isEqualTo(URI.create(pair.lower().baseUrl()));
			assertThat(healthProbes(pair.lower())).isEqualTo(2);
			assertNoMoreProbes(pair.higher(), 0);
		}
	}

	@Test
	void discoverWhenSeveralAnswerShouldPreferAHealthyPortOverALowerOneThatAnswersNotOk() {
		lower.setHealthy(false);
		PiecesClient client = scanning(first, first + 3);
		assertThat(client.discover()).isEqualTo(URI.create(higher.baseUrl()));
		assertThat(client.websocketUri("/qgpt/stream"))
			.isEqualTo(URI.create("ws://127.0.0.1:" + (first + 3) + "/qgpt/stream"));
	}

	@Test
	void restCallWhenPiecesOsMovedToAnotherPortShouldRediscoverAndSucceed() {
		int[] block = { TestPorts.freeBlock(3) };
		try (PiecesOsSimulator moving = PiecesOsSimulator.builder().port(block[0]).healthInterval(Duration.ZERO)
			.start()) {
			PiecesClient client = scanning(block[0], block[0] + 2);
			assertThat(client.discover()).isEqualTo(URI.create(moving.baseUrl()));
			moving.restart(Duration.ZERO, block[0] + 2);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> moving.isRunning() && moving.port() == block[0] + 2);
			assertThat(client.models().findByName("GPT-3.5-turbo Chat Model")).isPresent();
			assertThat(client.baseUri()).contains(URI.create("http://127.0.0.1:" + (block[0] + 2)));
		}
	}

	@Test
	void concurrentDiscoverCallsShouldShareOneScan() throws Exception {
		// a health endpoint that holds its answer until every caller waits inside discover(): the callers
		// that came second can only be waiting for the scan in progress, whatever the machine's speed
		try (GatedHealthServer pieces = GatedHealthServer.start()) {
			// a probe timeout far beyond the time the gate may stay closed on a slow machine
			PiecesClient client = track(PiecesClient.builder()
				.portRange(pieces.port(), pieces.port())
				.portFiles(List.of())
				.legacyPorts(false)
				.probeTimeout(Duration.ofSeconds(60))
				.build());
			int callers = 6;
			ExecutorService pool = Executors.newFixedThreadPool(callers);
			try {
				List<Thread> threads = new CopyOnWriteArrayList<>();
				List<CompletableFuture<URI>> results = new ArrayList<>();
				for (int i = 0; i < callers; i++) {
					results.add(CompletableFuture.supplyAsync(() -> {
						threads.add(Thread.currentThread());
						return client.discover();
					}, pool));
				}
				await().atMost(Duration.ofSeconds(30)).until(() -> pieces.probes() == 1 && threads.size() == callers
						&& threads.stream().allMatch(PiecesClientDiscoveryTests::isWaitingInDiscover));
				pieces.open();
				for (CompletableFuture<URI> result : results) {
					assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(pieces.baseUri());
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(pieces.probes()).isEqualTo(1);
		}
	}

	@Test
	void discoverWhenTheRangeIsEmptyShouldTryTheLegacyPorts() {
		assumeTrue(TestPorts.isFree(5323), "legacy port 5323 is in use");
		try (PiecesOsSimulator legacy = PiecesOsSimulator.builder().port(5323).healthInterval(Duration.ZERO)
			.start()) {
			PiecesClient withLegacy = track(
					PiecesClient.builder().portRange(first, first).portFiles(List.of()).legacyPorts(true)
				.probeTimeout(PATIENT).build());
			assertThat(withLegacy.discover()).isEqualTo(URI.create("http://127.0.0.1:5323"));
			PiecesClient withoutLegacy = scanning(first, first);
			assertThatExceptionOfType(PiecesUnavailableException.class).isThrownBy(withoutLegacy::discover)
				.withMessageNotContaining("legacy");
		}
	}

	@Test
	void fixedBaseUrlShouldBeUsedWithoutDiscovery() {
		try (SimulatorPair pair = SimulatorPair.start()) {
			PiecesClient client = track(PiecesClient.builder().baseUrl(pair.higher().baseUrl() + "/").build());
			assertThat(client.baseUri()).contains(URI.create(pair.higher().baseUrl()));
			assertThat(client.discover()).isEqualTo(URI.create(pair.higher().baseUrl()));
			assertThat(client.websocketUri("/user/stream"))
				.isEqualTo(URI.create("ws://127.0.0.1:" + (pair.first() + 3) + "/user/stream"));
			assertThat(client.version()).isEqualTo("12.3.2");
			assertThat(healthProbes(pair.lower())).isZero();
		}
	}

	@Test
	void websocketUriForAnHttpsBaseShouldUseWss() {
		PiecesClient client = track(PiecesClient.builder().baseUrl("https://pieces.example:8443").build());
		assertThat(client.websocketUri("qgpt/stream")).isEqualTo(URI.create("wss://pieces.example:8443/qgpt/stream"));
	}

	@Test
	void buildingAClientShouldDoNoIoAndStartNoThread() {
		try (SimulatorPair pair = SimulatorPair.start()) {
			Set<Thread> before = Thread.getAllStackTraces().keySet();
			PiecesClient client = track(PiecesClient.builder().portRange(pair.first(), pair.first() + 3).build());
			assertThat(client.baseUri()).isEmpty();
			assertThat(pair.lower().restRequests("/")).isZero();
			assertThat(pair.higher().restRequests("/")).isZero();
			assertThat(Thread.getAllStackTraces().keySet()).filteredOn((thread) -> !before.contains(thread))
				.extracting(Thread::getName)
				.noneMatch((name) -> name.startsWith("pieces-client-") || name.startsWith("HttpClient-"));
		}
	}

	@Test
	void closeShouldStopTheClientsThreadsAndRejectFurtherCalls() {
		PiecesClient client = scanning(first, first + 3);
		client.discover();
		assertThat(client.models().iterable()).isNotEmpty();
		client.close();
		client.close();
		assertThat(client.isClosed()).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> clientThreads().isEmpty());
		assertThat(client.isHealthy()).isFalse();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(client::discover);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(client::models);
	}

	@Test
	void closeShouldReleaseTheJdkHttpClientSoThatItsSelectorThreadEnds() {
		// compare thread identities, not counts: HttpClients closed by earlier tests may end at any moment
		Set<Thread> before = jdkHttpClientThreads();
		PiecesClient client = PiecesClient.builder().baseUrl(lower.baseUrl()).build();
		assertThat(client.models().iterable()).isNotEmpty();
		Set<Thread> ours = jdkHttpClientThreads();
		ours.removeAll(before);
		assertThat(ours).isNotEmpty();
		client.close();
		// Java 21+ shuts the HttpClient down; on Java 17 its selector thread ends once the client is collected,
		// which requires that the closed PiecesClient no longer references it
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
			System.gc();
			return ours.stream().noneMatch(Thread::isAlive);
		});
	}

	/**
	 * Probes are sent asynchronously and may reach the simulator after discovery returned: give stragglers a
	 * moment to arrive and check that the count does not grow beyond {@code expected}.
	 */
	private static void assertNoMoreProbes(PiecesOsSimulator simulator, long expected) {
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(5))
			.until(() -> healthProbes(simulator) == expected);
	}

	private static long healthProbes(PiecesOsSimulator simulator) {
		return simulator.restRequests("/.well-known/health");
	}

	private static Set<Thread> jdkHttpClientThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.filter((thread) -> thread.getName().startsWith("HttpClient-"))
			.collect(Collectors.toCollection(HashSet::new));
	}

	private PiecesClient scanning(int firstPort, int lastPort) {
		return track(PiecesClient.builder()
			.portRange(firstPort, lastPort)
			.portFiles(List.of())
			.legacyPorts(false)
			.probeTimeout(PATIENT)
			.build());
	}

	private PiecesClient track(PiecesClient client) {
		this.clients.add(client);
		return client;
	}

	private static List<String> clientThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("pieces-client-"))
			.toList();
	}

	private static boolean isWaitingInDiscover(Thread thread) {
		Thread.State state = thread.getState();
		if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
			return false;
		}
		return Arrays.stream(thread.getStackTrace())
			.anyMatch((frame) -> frame.getClassName().equals(Locator.class.getName())
					&& (frame.getMethodName().equals("await") || frame.getMethodName().equals("awaitAnswer")));
	}

	/**
	 * Two simulators on {@code first + 1} and {@code first + 3} of a fresh block of four ports, for tests that
	 * count probes.
	 */
	private record SimulatorPair(int first, PiecesOsSimulator lower, PiecesOsSimulator higher) implements AutoCloseable {

		static SimulatorPair start() {
			int first = TestPorts.freeBlock(4);
			return new SimulatorPair(first,
					PiecesOsSimulator.builder().port(first + 1).healthInterval(Duration.ZERO).start(),
					PiecesOsSimulator.builder().port(first + 3).healthInterval(Duration.ZERO).start());
		}

		@Override
		public void close() {
			this.lower.close();
			this.higher.close();
		}

	}

	/**
	 * A bare HTTP server whose {@code /.well-known/health} counts its requests and answers 200 only once
	 * {@link #open() opened}.
	 */
	private static final class GatedHealthServer implements AutoCloseable {

		private final HttpServer server;

		private final ExecutorService executor = Executors.newCachedThreadPool();

		private final CountDownLatch gate = new CountDownLatch(1);

		private final AtomicInteger probes = new AtomicInteger();

		private GatedHealthServer(HttpServer server) {
			this.server = server;
		}

		static GatedHealthServer start() throws IOException {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			GatedHealthServer gated = new GatedHealthServer(server);
			server.createContext("/.well-known/health", gated::answer);
			// discovery also reads the version, as Pieces OS answers it
			server.createContext("/.well-known/version", (exchange) -> {
				byte[] version = "12.3.2".getBytes(java.nio.charset.StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, version.length);
				exchange.getResponseBody().write(version);
				exchange.close();
			});
			server.setExecutor(gated.executor);
			server.start();
			return gated;
		}

		private void answer(HttpExchange exchange) throws IOException {
			this.probes.incrementAndGet();
			try {
				this.gate.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		URI baseUri() {
			return URI.create("http://127.0.0.1:" + port());
		}

		int probes() {
			return this.probes.get();
		}

		void open() {
			this.gate.countDown();
		}

		@Override
		public void close() {
			open();
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

}
