package app.pieces.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulator without data still sends the (empty) full list first on every connect.
 */
class EmptySimulatorTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder()
		.assets(0)
		.conversations(0)
		.signedIn(false)
		.build();

	@Test
	void identifierStreamsShouldSendAnEmptyFullListOnEveryConnect() {
		for (int attempt = 0; attempt < 2; attempt++) {
			try (WsProbe assets = WsProbe.connect(pieces.simulator().webSocketUrl(), "/assets/stream/identifiers");
					WsProbe conversations = WsProbe.connect(pieces.simulator().webSocketUrl(),
							"/conversations/stream/identifiers")) {
				assertThat(assets.awaitMessage(0)).isEqualTo(Fixtures.text("streamed-identifiers-assets-empty.json")
					.replaceAll("\\s", ""));
				assertThat(conversations.awaitMessage(0)).isEqualTo("{\"iterable\":[]}");
			}
		}
	}

	@Test
	void signedOutSimulatorShouldServeNoUser() {
		assertThat(pieces.simulator().state().signedIn()).isFalse();
		assertThat(Http.json(Http.get(pieces.simulator().baseUrl() + "/user")).has("user")).isFalse();
		assertThat(Http.json(Http.post(pieces.simulator().baseUrl() + "/connect", Fixtures.text("connect-request.json")))
			.has("user")).isFalse();
	}

	@Test
	void firstCreatedAssetShouldAppearInTheNextFullList() {
		String id = pieces.simulator().createAsset("First", "hello", "md");
		try (WsProbe assets = WsProbe.connect(pieces.simulator().webSocketUrl(), "/assets/stream/identifiers")) {
			assertThat(assets.awaitMessage(0)).isEqualTo("{\"iterable\":[{\"asset\":{\"id\":\"" + id + "\"}}]}");
		}
		pieces.simulator().deleteAsset(id);
	}

}
