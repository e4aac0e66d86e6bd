package app.pieces.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restarts: every socket and the listener close, the simulator comes back on the same or a new port, and
 * the state survives.
 */
class RestartTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(5).conversations(2).build();

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> assetIds(JsonNode frame) {
		List<String> ids = new ArrayList<>();
		frame.get("iterable").forEach((item) -> ids.add(item.get("asset").get("id").asString()));
		return ids;
	}

	@Test
	void restartShouldCloseSocketsAndComeBackOnTheSamePortWithTheSameState() {
		String oldBaseUrl = sim().baseUrl();
		int port = sim().port();
		String created = sim().createAsset("Survivor", "keep me", "txt");
		try (WsProbe health = WsProbe.connect(sim().webSocketUrl(), "/.well-known/stream/health")) {
			health.awaitMessage(0);
			sim().restart(Duration.ofMillis(300));
			assertThat(sim().isRunning()).isFalse();
			health.awaitClosed();
		}
		await().until(sim()::isRunning);
		assertThat(Http.healthy(oldBaseUrl)).isTrue();
		assertThat(sim().port()).isEqualTo(port);
		assertThat(Http.get(oldBaseUrl + "/asset/" + created).statusCode()).isEqualTo(200);
		try (WsProbe health = WsProbe.connect(sim().webSocketUrl(), "/.well-known/stream/health")) {
			assertThat(health.awaitMessage(0)).isEqualTo("OK");
		}
		sim().deleteAsset(created);
	}

	@Test
	void restartWhileARestartIsPendingShouldReplaceItsDowntime() {
		String baseUrl = sim().baseUrl();
		sim().restart(Duration.ofMinutes(5));
		await().until(() -> !Http.healthy(baseUrl));
		assertThat(sim().isRunning()).isFalse();
		sim().restart(Duration.ZERO);
		await().until(sim()::isRunning);
		assertThat(Http.healthy(baseUrl)).isTrue();
	}

	@Test
	void restartWhenThePortIsTakenShouldKeepTryingAndComeBackOnceItIsFree() throws IOException {
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder().comeBackTimeout(Duration.ofMinutes(5)).start()) {
			int port = freePort();
			try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				simulator.restart(Duration.ZERO, port);
				await().until(() -> simulator.comeBackAttempts() >= 2);
				assertThat(simulator.isRunning()).isFalse();
				assertThat(simulator.restartFailure()).isEmpty();
			}
			await().until(simulator::isRunning);
			assertThat(simulator.port()).isEqualTo(port);
			assertThat(Http.healthy("http://127.0.0.1:" + port)).isTrue();
			assertThat(simulator.restartFailure()).isEmpty();
		}
	}

	@Test
	void restartWhenThePortStaysTakenShouldGiveUpAndSaySoUntilTheNextRestart() throws IOException {
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder().comeBackTimeout(Duration.ofMillis(300)).start()) {
			int port = freePort();
			try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				simulator.restart(Duration.ZERO, port);
				await().until(() -> simulator.restartFailure().isPresent());
				assertThat(simulator.restartFailure().get()).hasMessageContaining("127.0.0.1:" + port)
					.hasMessageContaining("stays down");
				assertThat(simulator.isRunning()).isFalse();
				assertThat(simulator.toString()).contains("restart failed");
			}
			simulator.restart(Duration.ZERO);
			assertThat(simulator.restartFailure()).isEmpty();
			await().until(simulator::isRunning);
			assertThat(simulator.port()).isEqualTo(port);
		}
	}

	@Test
	void restartWithANewPortShouldServeThereAndNotOnTheOldPort() {
		String oldBaseUrl = sim().baseUrl();
		int newPort = freePort();
		try (WsProbe assets = WsProbe.connect(sim().webSocketUrl(), "/assets/stream/identifiers")) {
			assets.awaitMessage(0);
			sim().restart(Duration.ofMillis(200), newPort);
			assets.awaitClosed();
		}
		await().until(() -> sim().isRunning() && Http.healthy("http://127.0.0.1:" + newPort));
		assertThat(sim().port()).isEqualTo(newPort);
		assertThat(sim().baseUrl()).isEqualTo("http://127.0.0.1:" + newPort);
		assertThat(Http.healthy(oldBaseUrl)).isFalse();
		try (WsProbe assets = WsProbe.connect(sim().webSocketUrl(), "/assets/stream/identifiers")) {
			assertThat(assetIds(assets.awaitJson(0))).isEqualTo(sim().state().assets());
		}
	}

	@Test
	void changesMadeSilentlyDuringAnOutageShouldShowInTheFullListAfterReconnect() {
		List<String> before;
		String doomed = sim().createAsset("Doomed", "bye", "txt");
		try (WsProbe assets = WsProbe.connect(sim().webSocketUrl(), "/assets/stream/identifiers")) {
			before = assetIds(assets.awaitJson(0));
			assertThat(before).contains(doomed);
			sim().restart(Duration.ofMillis(300));
			assets.awaitClosed();
		}
		sim().deleteAsset(doomed, true);
		String born = sim().createAsset("Born while away", "hello", "txt", true);
		await().until(() -> sim().isRunning() && Http.healthy(sim().baseUrl()));
		try (WsProbe assets = WsProbe.connect(sim().webSocketUrl(), "/assets/stream/identifiers")) {
			List<String> after = assetIds(assets.awaitJson(0));
			assertThat(after).contains(born).doesNotContain(doomed);
			assertThat(after).isEqualTo(sim().state().assets());
		}
	}

	@Test
	void restartOverHttpShouldAnswerAcceptedAndComeBack() {
		String baseUrl = sim().baseUrl();
		var response = Http.post(baseUrl + "/__simulator/restart?downtime=PT0.2S", "");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(Http.json(response).get("port").asInt()).isEqualTo(sim().port());
		await().until(() -> sim().isRunning() && Http.healthy(baseUrl));
		assertThat(Http.post(baseUrl + "/__simulator/restart?downtime=later", "").statusCode()).isEqualTo(400);
	}

}
