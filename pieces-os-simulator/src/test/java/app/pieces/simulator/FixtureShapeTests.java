package app.pieces.simulator;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every response and frame shape matches the wire fixtures: the same keys at every level and the required
 * fields present. Where the simulator serves the fixture's own seeded data, the documents are equal.
 */
class FixtureShapeTests {

	private static final String FIXTURE_ASSET = "f5f080e2-45ea-4b2e-aaad-32990dd359a6";

	private static final String FIXTURE_CONVERSATION = "e671234d-be69-49c0-9900-e8fae48d24b9";

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(3).conversations(2).build();

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	private static JsonNode getJson(String path) {
		var response = Http.get(sim().baseUrl() + path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		return Http.json(response);
	}

	@Test
	void wellKnownBodiesShouldMatchTheFixtures() {
		var health = Http.get(sim().baseUrl() + "/.well-known/health");
		assertThat(health.body()).isEqualTo(Fixtures.text("well-known-health.txt").strip());
		assertThat(health.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain"));
		var version = Http.get(sim().baseUrl() + "/.well-known/version");
		assertThat(version.body()).isEqualTo(Fixtures.text("well-known-version.txt"));
		assertThat(version.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain"));
	}

	@Test
	void assetSnapshotShouldEqualTheFixture() {
		assertThat(getJson("/asset/" + FIXTURE_ASSET)).isEqualTo(Fixtures.json("asset-snapshot.json"));
	}

	@Test
	void assetSnapshotOfOtherAssetsShouldHaveTheFixtureShape() {
		JsonNode expected = Fixtures.json("asset-snapshot.json");
		for (String id : sim().state().assets()) {
			Shapes.assertSameShape(expected, getJson("/asset/" + id));
		}
		String created = sim().createAsset("Shape check", "fn main() {}", "rust");
		Shapes.assertSameShape(expected, getJson("/asset/" + created));
		sim().deleteAsset(created);
	}

	@Test
	void conversationSnapshotShouldHaveTheFixtureShape() {
		JsonNode expected = Fixtures.json("conversation-snapshot.json");
		JsonNode actual = getJson("/conversation/" + FIXTURE_CONVERSATION);
		Shapes.assertSameShape(expected, actual);
		assertThat(actual.get("messages")).isEqualTo(expected.get("messages"));
		assertThat(actual.get("assets")).isEqualTo(expected.get("assets"));
		for (JsonNode message : actual.get("messages").get("iterable")) {
			JsonNode snapshot = getJson("/message/" + message.get("id").asString());
			assertThat(snapshot.get("conversation").get("id").asString()).isEqualTo(FIXTURE_CONVERSATION);
			assertThat(snapshot.get("fragment").get("string").get("raw").asString()).isNotEmpty();
		}
	}

	@Test
	void conversationsReferenceOnlyExistingAssetsAndMessages() {
		for (String id : sim().state().conversations()) {
			JsonNode conversation = getJson("/conversation/" + id);
			for (JsonNode message : conversation.get("messages").get("iterable")) {
				getJson("/message/" + message.get("id").asString());
			}
			if (conversation.has("assets")) {
				for (JsonNode asset : conversation.get("assets").get("iterable")) {
					getJson("/asset/" + asset.get("id").asString());
				}
			}
		}
	}

	@Test
	void connectResponseShouldHaveTheFixtureShape() {
		var response = Http.post(sim().baseUrl() + "/connect", Fixtures.text("connect-request.json"));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode context = Http.json(response);
		Shapes.assertSameShape(Fixtures.json("connect-response.json"), context);
		assertThat(context.get("application").get("name").asString()).isEqualTo("OPEN_SOURCE");
		assertThat(context.get("health").get("os").get("version").asString()).isEqualTo("12.3.2");
	}

	@Test
	void userSnapshotsShouldEqualTheFixtures() {
		assertThat(getJson("/user")).isEqualTo(Fixtures.json("rest-user-snapshot.json"));
		sim().logout();
		try {
			assertThat(getJson("/user")).isEqualTo(Fixtures.json("rest-user-snapshot-logged-out.json"));
		}
		finally {
			sim().login();
		}
	}

	@Test
	void modelsAndVisionStatusShouldEqualTheFixtures() {
		assertThat(getJson("/models")).isEqualTo(Fixtures.json("models-snapshot.json"));
		assertThat(getJson("/workstream_pattern_engine/processors/vision/status"))
			.isEqualTo(Fixtures.json("ltm-vision-status.json"));
	}

	@Test
	void streamFramesShouldMatchTheFixtures() {
		try (WsProbe health = WsProbe.connect(sim().webSocketUrl(), "/.well-known/stream/health");
				WsProbe user = WsProbe.connect(sim().webSocketUrl(), "/user/stream");
				WsProbe assets = WsProbe.connect(sim().webSocketUrl(), "/assets/stream/identifiers");
				WsProbe conversations = WsProbe.connect(sim().webSocketUrl(), "/conversations/stream/identifiers")) {
			assertThat(health.awaitMessage(0)).isEqualTo(Fixtures.text("health-frame.txt").strip());
			assertThat(user.awaitJson(0)).isEqualTo(Fixtures.json("user-profile.json"));
			assertThat(assets.awaitJson(0)).isEqualTo(Fixtures.json("streamed-identifiers-assets-initial.json"));
			assertThat(conversations.awaitJson(0))
				.isEqualTo(Fixtures.json("streamed-identifiers-conversations.json"));
			String id = sim().createAsset("Fixture delta", "select 1;", "sql");
			Shapes.assertSameShape(Fixtures.json("streamed-identifiers-assets-delta-updated.json"), assets.awaitJson(1));
			sim().deleteAsset(id);
			Shapes.assertSameShape(Fixtures.json("streamed-identifiers-assets-delta-deleted.json"), assets.awaitJson(2));
			sim().logout();
			try {
				assertThat(user.awaitMessage(1)).isEqualTo(Fixtures.text("user-logged-out-frame.txt"));
			}
			finally {
				sim().login();
			}
		}
	}

	@Test
	void copilotFramesShouldMatchTheFixtures() {
		List<JsonNode> sequence = Fixtures.jsonLines("qgpt-stream-output-sequence.jsonl");
		try (WsProbe qgpt = WsProbe.connect(sim().webSocketUrl(), "/qgpt/stream")) {
			qgpt.send(Fixtures.text("qgpt-stream-input.json"));
			for (int i = 0; i < sequence.size() - 1; i++) {
				Shapes.assertSameShape(sequence.get(i + 1), qgpt.awaitJson(i));
			}
			sim().copilot().failNext(401, "UserSubscriptionRequired");
			qgpt.send(Fixtures.text("qgpt-stream-input.json").replace("e5b38f66-a039-4a3b-9004-fb6d512939e2",
					"d04f6911-c9c8-40c7-a0fc-3c469193e78f"));
			JsonNode failed = qgpt.awaitJson(sequence.size() - 1);
			Shapes.assertSameShape(Fixtures.json("qgpt-stream-output-failed.json"), failed);
			sim().copilot().silent(true);
			try {
				qgpt.send(Fixtures.text("qgpt-stream-input.json"));
				org.awaitility.Awaitility.await().until(() -> sim().copilot().inFlight() == 1);
				qgpt.send(Fixtures.text("qgpt-stream-input-stop.json"));
				assertThat(qgpt.awaitJson(sequence.size())).isEqualTo(Fixtures.json("qgpt-stream-output-stopped.json"));
			}
			finally {
				sim().copilot().reset();
			}
		}
	}

}
