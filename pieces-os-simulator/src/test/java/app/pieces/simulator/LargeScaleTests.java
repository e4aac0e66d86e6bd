package app.pieces.simulator;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty thousand seeded assets: the full identifier list arrives as one websocket message.
 */
class LargeScaleTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(50_000).build();

	@Test
	void fullIdentifierListOf50000AssetsShouldArriveAsOneMessage() {
		try (WsProbe assets = WsProbe.connect(pieces.simulator().webSocketUrl(), "/assets/stream/identifiers")) {
			JsonNode frame = assets.awaitJson(0);
			assertThat(frame.get("iterable")).hasSize(50_000);
			Set<String> ids = new HashSet<>();
			frame.get("iterable").forEach((item) -> ids.add(item.get("asset").get("id").asString()));
			assertThat(ids).hasSize(50_000);
			assertThat(assets.messages).hasSize(1);
			assertThat(pieces.simulator().state().assets()).hasSize(50_000);
		}
	}

	@Test
	void anySeededAssetShouldBeFetchable() {
		String last = pieces.simulator().state().assets().get(49_999);
		JsonNode asset = Http.json(Http.get(pieces.simulator().baseUrl() + "/asset/" + last));
		assertThat(asset.get("id").asString()).isEqualTo(last);
		assertThat(asset.get("name").asString()).contains("#");
	}

}
