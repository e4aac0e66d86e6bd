package app.pieces.simulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The switch that puts each object's {@code updated} into the full id lists of the identifier streams.
 */
class IdentifierUpdatedTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder()
		.assets(4)
		.conversations(2)
		.updatedInIdentifiers(true)
		.build();

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	@AfterEach
	void restoreBuiltSetting() {
		sim().setUpdatedInIdentifiers(true);
	}

	private static void assertUpdatedMatchesSnapshots(JsonNode frame, String field, String snapshotPath) {
		assertThat(frame.get("iterable")).isNotEmpty();
		for (JsonNode item : frame.get("iterable")) {
			assertThat(List.copyOf(item.propertyNames())).containsExactlyInAnyOrder(field, "updated");
			String id = item.get(field).get("id").asString();
			JsonNode snapshot = Http.json(Http.get(sim().baseUrl() + snapshotPath + id));
			assertThat(item.get("updated").get("value")).isEqualTo(snapshot.get("updated").get("value"));
		}
	}

	@Test
	void fullListsWhenSwitchedOnShouldCarryTheUpdatedOfEverySnapshot() {
		try (WsProbe assets = WsProbe.connect(sim().webSocketUrl(), "/assets/stream/identifiers");
				WsProbe conversations = WsProbe.connect(sim().webSocketUrl(), "/conversations/stream/identifiers")) {
			JsonNode assetList = assets.awaitJson(0);
			assertThat(assetList.get("iterable")).hasSize(sim().state().assets().size());
			assertUpdatedMatchesSnapshots(assetList, "asset", "/asset/");
			assertUpdatedMatchesSnapshots(conversations.awaitJson(0), "conversation", "/conversation/");
			String id = sim().state().assets().get(1);
			sim().updateAsset(id, "Renamed with the switch on");
			JsonNode delta = assets.awaitJson(1).get("iterable").get(0);
			assertThat(delta.get("asset").get("id").asString()).isEqualTo(id);
			assertThat(delta.get("updated").get("value"))
				.isEqualTo(Http.json(Http.get(sim().baseUrl() + "/asset/" + id)).get("updated").get("value"));
		}
	}

	@Test
	void fullListAfterAnUpdateWhileDisconnectedShouldCarryTheNewUpdated() {
		String id = sim().state().assets().get(2);
		String before;
		try (WsProbe assets = WsProbe.connect(sim().webSocketUrl(), "/assets/stream/identifiers")) {
			before = updatedOf(assets.awaitJson(0), id);
		}
		sim().updateAsset(id, "Renamed while nobody listened", true);
		try (WsProbe assets = WsProbe.connect(sim().webSocketUrl(), "/assets/stream/identifiers")) {
			String after = updatedOf(assets.awaitJson(0), id);
			assertThat(after).isNotEqualTo(before)
				.isEqualTo(Http.json(Http.get(sim().baseUrl() + "/asset/" + id)).get("updated").get("value").asString());
		}
	}

	@Test
	void switchedOffShouldSendIdsOnlyAsTheFixtureDoes() {
		sim().setUpdatedInIdentifiers(false);
		try (WsProbe assets = WsProbe.connect(sim().webSocketUrl(), "/assets/stream/identifiers")) {
			JsonNode list = assets.awaitJson(0);
			Shapes.assertSameShape(Fixtures.json("streamed-identifiers-assets-initial.json"), list);
			for (JsonNode item : list.get("iterable")) {
				assertThat(item.has("updated")).isFalse();
			}
		}
	}

	@Test
	void controlPlaneShouldSwitchItAndRejectAnythingButTrueOrFalse() {
		String control = sim().baseUrl() + "/__simulator/identifiers";
		assertThat(Http.post(control + "?updated=false", "").statusCode()).isEqualTo(204);
		try (WsProbe conversations = WsProbe.connect(sim().webSocketUrl(), "/conversations/stream/identifiers")) {
			assertThat(conversations.awaitJson(0).get("iterable").get(0).has("updated")).isFalse();
		}
		assertThat(Http.post(control + "?updated=true", "").statusCode()).isEqualTo(204);
		try (WsProbe conversations = WsProbe.connect(sim().webSocketUrl(), "/conversations/stream/identifiers")) {
			assertThat(conversations.awaitJson(0).get("iterable").get(0).has("updated")).isTrue();
		}
		assertThat(Http.post(control + "?updated=yes", "").statusCode()).isEqualTo(400);
		assertThat(Http.get(control + "?updated=true").statusCode()).isEqualTo(405);
	}

	@Test
	void defaultBuilderShouldKeepTheSwitchOff() {
		try (PiecesOsSimulator plain = PiecesOsSimulator.builder().assets(1).healthInterval(Duration.ZERO)
			.start(); WsProbe assets = WsProbe.connect(plain.webSocketUrl(), "/assets/stream/identifiers")) {
			assertThat(assets.awaitJson(0).get("iterable").get(0).has("updated")).isFalse();
		}
	}

	@Test
	void commandLineOptionShouldSwitchItOnAndRejectAnythingButTrueOrFalse() {
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		PiecesOsSimulator launched = PiecesOsSimulatorMain.launch(
				new String[] { "--port=0", "--assets=2", "--updated-in-identifiers=true", "--health-interval=PT0S" },
				out);
		try (PiecesOsSimulator simulator = launched;
				WsProbe assets = WsProbe.connect(simulator.webSocketUrl(), "/assets/stream/identifiers")) {
			JsonNode list = assets.awaitJson(0);
			assertThat(list.get("iterable")).hasSize(2)
				.allSatisfy((item) -> assertThat(item.get("updated").get("value").asString()).isNotEmpty());
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PiecesOsSimulatorMain.launch(new String[] { "--updated-in-identifiers=yes" }, out))
			.withMessageContaining("--updated-in-identifiers");
	}

	private static String updatedOf(JsonNode frame, String id) {
		for (JsonNode item : frame.get("iterable")) {
			if (id.equals(item.get("asset").get("id").asString())) {
				return item.get("updated").get("value").asString();
			}
		}
		throw new AssertionError("No item for " + id);
	}

}
