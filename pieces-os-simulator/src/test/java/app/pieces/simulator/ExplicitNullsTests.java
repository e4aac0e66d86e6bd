package app.pieces.simulator;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dart-style explicit-null switch and the {@code INITIALIZED} frame.
 */
class ExplicitNullsTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder()
		.explicitNulls(true)
		.initializedFrame(true)
		.build();

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	@Test
	void identifierDeltasShouldCarryExplicitNullsLikeTheFixture() {
		try (WsProbe assets = WsProbe.connect(sim().webSocketUrl(), "/assets/stream/identifiers")) {
			JsonNode initial = assets.awaitJson(0);
			assertThat(initial.get("schema").isNull()).isTrue();
			Shapes.assertSameShapeIgnoringNulls(Fixtures.json("streamed-identifiers-assets-initial.json"), initial);
			String id = sim().createAsset("Nulls", "x", "txt");
			JsonNode delta = assets.awaitJson(1);
			JsonNode expected = Fixtures.json("streamed-identifiers-assets-delta-explicit-nulls.json");
			assertThat(List.copyOf(delta.get("iterable").get(0).propertyNames()))
				.containsAll(expected.get("iterable").get(0).propertyNames());
			assertThat(delta.get("iterable").get(0).get("conversation").isNull()).isTrue();
			assertThat(delta.get("iterable").get(0).get("asset").get("reference").isNull()).isTrue();
			Shapes.assertSameShapeIgnoringNulls(Fixtures.json("streamed-identifiers-assets-delta-updated.json"), delta);
			sim().deleteAsset(id);
			JsonNode deleted = assets.awaitJson(2);
			assertThat(deleted.get("iterable").get(0).get("deleted").asBoolean()).isTrue();
		}
	}

	@Test
	void snapshotsShouldCarryExplicitNullsAndStillMatchTheFixtureShape() {
		JsonNode asset = Http.json(Http.get(sim().baseUrl() + "/asset/f5f080e2-45ea-4b2e-aaad-32990dd359a6"));
		assertThat(asset.get("tags").isNull()).isTrue();
		Shapes.assertSameShapeIgnoringNulls(Fixtures.json("asset-snapshot.json"), asset);
		JsonNode conversation = Http
			.json(Http.get(sim().baseUrl() + "/conversation/e671234d-be69-49c0-9900-e8fae48d24b9"));
		assertThat(conversation.get("grounding").isNull()).isTrue();
		Shapes.assertSameShapeIgnoringNulls(Fixtures.json("conversation-snapshot.json"), conversation);
		Shapes.assertSameShapeIgnoringNulls(Fixtures.json("rest-user-snapshot.json"),
				Http.json(Http.get(sim().baseUrl() + "/user")));
	}

	@Test
	void copilotShouldSendInitializedFirstAndExplicitNullsInEveryFrame() {
		List<JsonNode> sequence = Fixtures.jsonLines("qgpt-stream-output-sequence.jsonl");
		try (WsProbe qgpt = WsProbe.connect(sim().webSocketUrl(), "/qgpt/stream")) {
			qgpt.send(Fixtures.text("qgpt-stream-input.json"));
			for (int i = 0; i < sequence.size(); i++) {
				JsonNode frame = qgpt.awaitJson(i);
				assertThat(frame.get("status").asString()).isEqualTo(sequence.get(i).get("status").asString());
				assertThat(frame.has("errorMessage")).isTrue();
				assertThat(frame.get("errorMessage").isNull()).isTrue();
				Shapes.assertSameShapeIgnoringNulls(sequence.get(i), frame);
			}
			JsonNode completed = qgpt.awaitJson(sequence.size() - 1);
			assertThat(completed.get("question").isNull()).isTrue();
		}
	}

	@Test
	void qgptRestOutputsShouldCarryExplicitNullsAndStillMatchTheFixtureShapes() {
		JsonNode relevance = Http.json(Http.post(sim().baseUrl() + "/qgpt/relevance",
				"{\"query\":\"Retry?\",\"assets\":{\"iterable\":[{\"id\":\"f5f080e2-45ea-4b2e-aaad-32990dd359a6\"}]}}"));
		assertThat(relevance.get("answer").isNull()).isTrue();
		JsonNode item = relevance.get("relevant").get("iterable").get(0);
		assertThat(item.get("path").isNull()).isTrue();
		assertThat(item.get("asset").get("reference").isNull()).isTrue();
		JsonNode fixtureSeed = Fixtures.json("qgpt-stream-input-question-mode.json")
			.get("question")
			.get("relevant")
			.get("iterable")
			.get(0);
		Shapes.assertSameShapeIgnoringNulls(fixtureSeed.get("seed"), item.get("seed"));
		JsonNode question = Http.json(Http.post(sim().baseUrl() + "/qgpt/question",
				"{\"query\":\"Retry?\",\"relevant\":{\"iterable\":[]}}"));
		assertThat(question.get("schema").isNull()).isTrue();
		Shapes.assertSameShapeIgnoringNulls(
				Fixtures.jsonLines("qgpt-stream-output-sequence.jsonl").get(1).get("question"), question);
	}

}
