package app.pieces.websocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.simulator.PiecesOsSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link UpgradeProbe} against servers that really answer upgrades.
 */
class UpgradeProbeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().build();

	@Test
	void upgradeOfAPathTheServerDoesNotOfferShouldAnswer404() throws Exception {
		try (ScriptedServer server = new ScriptedServer()) {
			assertThat(UpgradeProbe.status(wsUri(server.baseUrl(), PiecesStream.USER), TIMEOUT)).isEqualTo(404);
			assertThat(server.requests(PiecesStream.USER.path())).isEqualTo(1);
		}
	}

	@Test
	void upgradeOfAnOfferedStreamShouldAnswer101AndLeaveNoSessionOpen() {
		URI uri = wsUri(pieces.simulator().baseUrl(), PiecesStream.CONVERSATIONS);
		assertThat(UpgradeProbe.status(uri, TIMEOUT)).isEqualTo(101);
		await().until(() -> pieces.simulator().openSessions("conversations") == 0);
	}

	@Test
	void portWithoutServerShouldGiveNoAnswer() throws IOException {
		int port;
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = probe.getLocalPort();
		}
		assertThat(UpgradeProbe.status(URI.create("ws://127.0.0.1:" + port + "/user/stream"), TIMEOUT))
			.isEqualTo(UpgradeProbe.NO_ANSWER);
	}

	@Test
	void statusLinesShouldBeParsedAndAnythingElseRejected() {
		assertThat(UpgradeProbe.parseStatus("HTTP/1.1 404 Not Found")).isEqualTo(404);
		assertThat(UpgradeProbe.parseStatus("HTTP/1.1 101")).isEqualTo(101);
		assertThat(UpgradeProbe.parseStatus("HTTP/1.0 503 Service Unavailable")).isEqualTo(503);
		assertThat(UpgradeProbe.parseStatus("")).isEqualTo(UpgradeProbe.NO_ANSWER);
		assertThat(UpgradeProbe.parseStatus("SSH-2.0-OpenSSH")).isEqualTo(UpgradeProbe.NO_ANSWER);
		assertThat(UpgradeProbe.parseStatus("HTTP/1.1 4x4 Odd")).isEqualTo(UpgradeProbe.NO_ANSWER);
	}

	@Test
	void secureUrisShouldNotBeProbed() {
		assertThat(UpgradeProbe.status(URI.create("wss://127.0.0.1:1/user/stream"), TIMEOUT))
			.isEqualTo(UpgradeProbe.NO_ANSWER);
	}

	private static URI wsUri(String httpBase, PiecesStream stream) {
		return URI.create("ws" + httpBase.substring("http".length()) + stream.path());
	}

}
