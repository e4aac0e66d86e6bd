package app.pieces.websocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import app.pieces.client.PiecesClient;
import app.pieces.client.TestPorts;
import app.pieces.simulator.PiecesOsSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Another program on Pieces OS's port range, below the real Pieces OS: one that answers only the health path is
 * passed over by discovery; one that also answers the version path but has no Pieces OS streams is found out by
 * the sockets' first upgrade, and every stream connects to the real Pieces OS instead of giving up as unsupported.
 */
class ImpostorTests {

	@Test
	void discoveryShouldPassOverAServerThatOnlyAnswersTheHealthPath() throws Exception {
		int block = TestPorts.freeBlock(2);
		try (Impostor impostor = Impostor.start(block, false);
				PiecesOsSimulator pieces = PiecesOsSimulator.builder().port(block + 1).healthInterval(Duration.ZERO)
					.start();
				PiecesClient client = scanning(block)) {
			assertThat(client.discover()).isEqualTo(URI.create(pieces.baseUrl()));
			assertThat(impostor.requests("/.well-known/version")).isPositive();
		}
	}

	@Test
	void socketsShouldLeaveAServerWithoutPiecesOsStreamsForTheRealPiecesOs() throws Exception {
		int block = TestPorts.freeBlock(2);
		try (Impostor impostor = Impostor.start(block, true);
				PiecesOsSimulator pieces = PiecesOsSimulator.builder().port(block + 1).healthInterval(Duration.ZERO)
					.start();
				PiecesClient client = scanning(block);
				PiecesWebsocketManager manager = new PiecesWebsocketManager(client, TestSupport.fastSettings())) {
			// it answers like Pieces OS on the paths discovery reads, so it is found first
			assertThat(client.discover()).isEqualTo(impostor.baseUri());
			HealthWS health = manager.health(null);
			AssetsIdentifiersWS assets = manager.assets(null);
			manager.startAll();
			await().until(() -> health.isConnected() && assets.isConnected());
			assertThat(client.baseUri()).contains(URI.create(pieces.baseUrl()));
			assertThat(List.of(health.state(), assets.state())).doesNotContain(ConnectionState.UNSUPPORTED);
			assertThat(client.rejectBase(impostor.baseUri())).isTrue();
		}
	}

	private static PiecesClient scanning(int first) {
		return PiecesClient.builder().portRange(first, first + 1).portFiles(List.of()).legacyPorts(false).build();
	}

	/**
	 * A plain HTTP server that answers {@code HEAD /.well-known/health} with 200, optionally
	 * {@code GET /.well-known/version} with a version, and everything else (the stream upgrades too) with 404.
	 */
	private static final class Impostor implements AutoCloseable {

		private final HttpServer server;

		private final boolean answersVersion;

		private final java.util.Map<String, Integer> requests = new java.util.concurrent.ConcurrentHashMap<>();

		private Impostor(HttpServer server, boolean answersVersion) {
			this.server = server;
			this.answersVersion = answersVersion;
		}

		static Impostor start(int port, boolean answersVersion) throws IOException {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
			Impostor impostor = new Impostor(server, answersVersion);
			server.createContext("/", impostor::answer);
			server.start();
			return impostor;
		}

		private void answer(HttpExchange exchange) throws IOException {
			String path = exchange.getRequestURI().getPath();
			this.requests.merge(path, 1, Integer::sum);
			if (path.equals("/.well-known/health")) {
				exchange.sendResponseHeaders(200, -1);
			}
			else if (path.equals("/.well-known/version") && this.answersVersion) {
				byte[] body = "12.3.2".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
			}
			else {
				exchange.sendResponseHeaders(404, -1);
			}
			exchange.close();
		}

		int requests(String path) {
			return this.requests.getOrDefault(path, 0);
		}

		URI baseUri() {
			return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
