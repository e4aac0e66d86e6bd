package app.pieces.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import app.pieces.client.PiecesClient;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.ConnectionState;
import app.pieces.boot.autoconfigure.PiecesWebsocketLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Boot application on a port range whose lowest port holds another program that looks like Pieces OS from the
 * outside (it answers the health and version paths, but has no Pieces OS streams), with the real Pieces OS one port
 * above: every stream ends up on the real one, none gives up as unsupported, and the caches match it; when the
 * impostor goes away nothing changes.
 */
class ImpostorTests {

	@Test
	void applicationShouldLeaveTheImpostorForTheRealPiecesOs() throws Exception {
		int first = Threads.freePortRange(2);
		HttpServer impostor = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), first), 0);
		impostor.createContext("/", ImpostorTests::answerLikePiecesOsOnTheOutside);
		impostor.start();
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder().port(first + 1).assets(6).build().start();
				ConfigurableApplicationContext context = ReliabilityApplication
					.run(Map.of("discovery.first-port", first, "discovery.last-port", first + 1))) {
			PiecesClient client = context.getBean(PiecesClient.class);
			AssetsIdentifiersWS assets = context.getBean(AssetsIdentifiersWS.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> assets.cache().isSynced());
			assertThat(client.baseUri()).hasValueSatisfying(
					(base) -> assertThat(base.toString()).isEqualTo(simulator.baseUrl()));
			assertThat(assets.cache().ids()).containsExactlyInAnyOrderElementsOf(simulator.state().assets());
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
					context.getBean(PiecesWebsocketLifecycle.class).getWebsockets())
				.extracting(BaseWebsocket::state)
				.containsOnly(ConnectionState.OPEN));
			impostor.stop(0);
			String created = simulator.createAsset("After the impostor left", "echo ok", "sh");
			await().atMost(Duration.ofSeconds(30)).until(() -> assets.cache().get(created).isPresent());
		}
		finally {
			impostor.stop(0);
		}
	}

	private static void answerLikePiecesOsOnTheOutside(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if (path.equals("/.well-known/health")) {
			exchange.sendResponseHeaders(200, -1);
		}
		else if (path.equals("/.well-known/version")) {
			byte[] version = "12.3.2".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, version.length);
			exchange.getResponseBody().write(version);
		}
		else {
			exchange.sendResponseHeaders(404, -1);
		}
		exchange.close();
	}

}
