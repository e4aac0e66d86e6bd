package app.pieces.simulator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /qgpt/question} and {@code POST /qgpt/relevance}, called with the JDK's
 * {@link java.net.http.HttpClient} and compared with the wire fixtures.
 */
class QgptRestTests {

	private static final String SNAPSHOT_ASSET = "f5f080e2-45ea-4b2e-aaad-32990dd359a6";

	private static final String GPT_35 = "bba4842f-20b0-452b-b8c4-ecbbd52d2d5b";

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(10).build();

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	@AfterEach
	void resetCopilot() {
		sim().copilot().reset();
	}

	private static HttpResponse<String> question(String body) {
		return Http.post(sim().baseUrl() + "/qgpt/question", body);
	}

	private static HttpResponse<String> relevance(String body) {
		return Http.post(sim().baseUrl() + "/qgpt/relevance", body);
	}

	private static JsonNode ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		return Http.json(response);
	}

	private static String fixtureAnswer() {
		StringBuilder text = new StringBuilder();
		for (JsonNode frame : Fixtures.jsonLines("qgpt-stream-output-sequence.jsonl")) {
			if ("IN-PROGRESS".equals(frame.get("status").asString())) {
				text.append(frame.get("question").get("answers").get("iterable").get(0).get("text").asString());
			}
		}
		return text.toString();
	}

	private static JsonNode inProgressQuestionShape() {
		return Fixtures.jsonLines("qgpt-stream-output-sequence.jsonl").get(1).get("question");
	}

	private static String questionBody(String query, String relevant) {
		return "{\"query\":" + Json.MAPPER.writeValueAsString(query) + ",\"relevant\":{\"iterable\":[" + relevant
				+ "]}}";
	}

	private static List<String> assetIds(JsonNode output) {
		List<String> ids = new ArrayList<>();
		for (JsonNode item : output.get("relevant").get("iterable")) {
			ids.add(item.get("asset").get("id").asString());
		}
		return ids;
	}

	@Test
	void questionShouldAnswerTheFixtureQuestionWithTheTextTheStreamConcatenates() {
		JsonNode output = ok(question(questionBody("How do I add jitter to this retry helper?", "")));
		Shapes.assertSameShape(inProgressQuestionShape(), output);
		JsonNode answer = output.get("answers").get("iterable").get(0);
		assertThat(answer.get("text").asString()).isEqualTo(fixtureAnswer());
		assertThat(answer.get("score").asDouble()).isBetween(0.0, 1.0)
			.isEqualTo(sim().copilot().scoreFor("How do I add jitter to this retry helper?"));
	}

	@Test
	void questionFromTheQuestionModeFixtureShouldGetTheScriptedAnswerForItsQuery() {
		JsonNode input = Fixtures.json("qgpt-stream-input-question-mode.json").get("question");
		JsonNode output = ok(question(Json.write(input)));
		Shapes.assertSameShape(inProgressQuestionShape(), output);
		String query = input.get("query").asString();
		assertThat(output.get("answers").get("iterable").get(0).get("text").asString())
			.isEqualTo(sim().copilot().answerFor(query))
			.contains(query);
		assertThat(sim().copilot().answerFor("another question")).isNotEqualTo(sim().copilot().answerFor(query));
	}

	@Test
	void questionShouldRejectInvalidInputWithAClearReason() {
		assertThat(question("{\"relevant\":{\"iterable\":[]}}")).satisfies((response) -> {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("query");
		});
		assertThat(question(questionBody("  ", "")).statusCode()).isEqualTo(400);
		assertThat(question("{\"query\":\"Why?\"}")).satisfies((response) -> {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("relevant");
		});
		assertThat(question(questionBody("Why?", "{\"path\":\"/tmp/a.txt\"}"))).satisfies((response) -> {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("relevant.iterable[0]").contains("seed or an id");
		});
		assertThat(question(questionBody("Why?", "{\"seed\":{}}")).statusCode()).isEqualTo(400);
		assertThat(question("not json").statusCode()).isEqualTo(400);
		assertThat(Http.get(sim().baseUrl() + "/qgpt/question").statusCode()).isEqualTo(405);
	}

	@Test
	void questionWithAnUnknownModelShouldBeRejectedNamingTheModel() {
		String body = "{\"query\":\"Why?\",\"model\":\"no-such-model\",\"relevant\":{\"iterable\":[]}}";
		HttpResponse<String> response = question(body);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Unknown model no-such-model");
		ok(question(body.replace("no-such-model", GPT_35)));
	}

	@Test
	void questionNamingAMissingAssetShouldAnswer404AndADeletedOne410() {
		assertThat(question(questionBody("Why?", "{\"id\":\"8d1c2a52-0000-4000-8000-000000000000\"}")).statusCode())
			.isEqualTo(404);
		String id = sim().createAsset("Short-lived", "x = 1", "py");
		ok(question(questionBody("Why?", "{\"asset\":{\"id\":\"" + id + "\"}}")));
		sim().deleteAsset(id);
		assertThat(question(questionBody("Why?", "{\"asset\":{\"id\":\"" + id + "\"}}")).statusCode()).isEqualTo(410);
	}

	@Test
	void scriptedFailureShouldFailTheNextRestQuestionWithItsStatusAndMessage() {
		sim().copilot().failNext(401, "UserSubscriptionRequired");
		HttpResponse<String> failed = question(questionBody("Why?", ""));
		assertThat(failed.statusCode()).isEqualTo(401);
		assertThat(failed.body()).isEqualTo("UserSubscriptionRequired");
		ok(question(questionBody("Why?", "")));
		sim().copilot().failNext(200, "not an error status");
		assertThat(question(questionBody("Why?", "")).statusCode()).isEqualTo(500);
	}

	@Test
	void restQuestionsShouldBeCounted() {
		long before = sim().restRequests("/qgpt/question");
		ok(question(questionBody("Count me", "")));
		question("{}");
		assertThat(sim().restRequests("/qgpt/question")).isEqualTo(before + 2);
	}

	@Test
	void relevanceOfTheStreamFixtureShouldReturnTheNamedAssetAsASeedAndTheFixtureAnswer() {
		JsonNode input = Fixtures.json("qgpt-stream-input.json").get("relevance");
		JsonNode output = ok(relevance(Json.write(input)));
		assertThat(List.copyOf(output.propertyNames())).containsExactlyInAnyOrder("relevant", "answer");
		JsonNode item = output.get("relevant").get("iterable").get(0);
		assertThat(output.get("relevant").get("iterable")).hasSize(1);
		assertThat(item.get("id").asString()).isEqualTo(SNAPSHOT_ASSET);
		assertThat(item.get("asset").get("id").asString()).isEqualTo(SNAPSHOT_ASSET);
		JsonNode fixtureSeed = Fixtures.json("qgpt-stream-input-question-mode.json")
			.get("question")
			.get("relevant")
			.get("iterable")
			.get(0)
			.get("seed");
		Shapes.assertSameShape(fixtureSeed, item.get("seed"));
		JsonNode snapshot = Fixtures.json("asset-snapshot.json");
		assertThat(item.get("seed").get("asset").get("format").get("fragment"))
			.isEqualTo(((ObjectNode) snapshot.get("original").get("reference").get("fragment").deepCopy())
				.without("schema"));
		Shapes.assertSameShape(inProgressQuestionShape(), output.get("answer"));
		assertThat(output.get("answer").get("answers").get("iterable").get(0).get("text").asString())
			.isEqualTo(fixtureAnswer());
	}

	@Test
	void relevanceOutputShouldBeAcceptedAsTheRelevantSeedsOfAQuestion() {
		JsonNode input = Fixtures.json("qgpt-stream-input.json").get("relevance");
		JsonNode relevant = ok(relevance(Json.write(input))).get("relevant");
		ObjectNode body = Json.object();
		body.put("query", "And with a cap on the delay?");
		body.set("relevant", relevant);
		ok(question(Json.write(body)));
		ObjectNode idsOnly = Json.object();
		idsOnly.put("query", "And with a cap on the delay?");
		idsOnly.putObject("relevant").putArray("iterable").addObject().put("id", SNAPSHOT_ASSET);
		ok(question(Json.write(idsOnly)));
	}

	@Test
	void relevanceWithTheDatabaseOptionShouldAddAssetsMatchingTheQueryBestFirst() {
		JsonNode output = ok(relevance(
				"{\"query\":\"How do I debounce a callback in TypeScript?\",\"options\":{\"database\":true}}"));
		List<String> ids = assetIds(output);
		assertThat(ids).isNotEmpty().hasSizeLessThanOrEqualTo(5);
		String first = ids.get(0);
		assertThat(sim().asset(first)).hasValueSatisfying(
				(asset) -> assertThat(asset.get("name")).isEqualTo("Debounce a callback"));
		for (String id : ids) {
			String name = (String) sim().asset(id).orElseThrow().get("name");
			String raw = item(output, id).get("seed").get("asset").get("format").get("fragment").get("string")
				.get("raw").asString();
			assertThat((name + raw).toLowerCase()).containsAnyOf("debounce", "callback", "typescript");
		}
		assertThat(output.has("answer")).isFalse();
	}

	@Test
	void relevanceWithoutDatabaseShouldOnlyUseTheNamedAssetsAndSeeds() {
		assertThat(ok(relevance("{\"query\":\"How do I debounce a callback?\"}")).get("relevant").get("iterable"))
			.isEmpty();
		String seed = "{\"type\":\"SEEDED_ASSET\",\"asset\":{\"application\":{\"id\":\"a\"},\"format\":"
				+ "{\"fragment\":{\"string\":{\"raw\":\"const debounce = 1;\"}}}}}";
		String body = "{\"query\":\"How do I debounce a callback?\",\"assets\":{\"iterable\":[{\"id\":\""
				+ SNAPSHOT_ASSET + "\"}]},\"seeds\":{\"iterable\":[" + seed + "]}}";
		JsonNode iterable = ok(relevance(body)).get("relevant").get("iterable");
		assertThat(iterable).hasSize(2);
		assertThat(iterable.get(0).get("seed")).isEqualTo(Json.parse(seed));
		assertThat(iterable.get(0).get("id").asString()).isNotEmpty();
		assertThat(iterable.get(0).has("asset")).isFalse();
		assertThat(iterable.get(1).get("asset").get("id").asString()).isEqualTo(SNAPSHOT_ASSET);
	}

	@Test
	void relevanceShouldRejectInvalidInputWithAClearReason() {
		assertThat(relevance("{\"options\":{\"question\":true}}")).satisfies((response) -> {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("query");
		});
		assertThat(relevance("{\"query\":\"Why?\",\"model\":\"gpt-17\"}")).satisfies((response) -> {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("Unknown model gpt-17");
		});
		assertThat(relevance("{\"query\":\"Why?\",\"assets\":{\"iterable\":[{}]}}").statusCode()).isEqualTo(400);
		assertThat(relevance("{\"query\":\"Why?\",\"assets\":[\"" + SNAPSHOT_ASSET + "\"]}").statusCode())
			.isEqualTo(400);
		assertThat(relevance("{\"query\":\"Why?\",\"seeds\":{\"iterable\":[{\"type\":\"SEEDED_ASSET\"}]}}"))
			.satisfies((response) -> {
				assertThat(response.statusCode()).isEqualTo(400);
				assertThat(response.body()).contains("fragment.string.raw");
			});
		assertThat(relevance("{\"query\":\"Why?\",\"seeds\":{\"iterable\":[{\"type\":\"SEEDED_ASSET\",\"asset\":"
				+ "{\"format\":{\"fragment\":{\"string\":{\"raw\":\"x\"}}}}}]}}"))
			.satisfies((response) -> {
				assertThat(response.statusCode()).isEqualTo(400);
				assertThat(response.body()).contains("seeds.iterable[0].asset requires application");
			});
		assertThat(relevance("{\"query\":\"Why?\",\"assets\":{\"iterable\":[{\"id\":\"nope\"}]}}").statusCode())
			.isEqualTo(404);
		String id = sim().createAsset("Gone soon", "y = 2", "py");
		sim().deleteAsset(id);
		assertThat(relevance("{\"query\":\"Why?\",\"assets\":{\"iterable\":[{\"id\":\"" + id + "\"}]}}")
			.statusCode()).isEqualTo(410);
	}

	@Test
	void relevanceShouldConsumeAScriptedFailureOnlyWhenItAnswersTheQuestion() {
		sim().copilot().failNext(429, "Rate limited");
		ok(relevance("{\"query\":\"Why?\"}"));
		HttpResponse<String> failed = relevance("{\"query\":\"Why?\",\"options\":{\"question\":true}}");
		assertThat(failed.statusCode()).isEqualTo(429);
		assertThat(failed.body()).isEqualTo("Rate limited");
		ok(relevance("{\"query\":\"Why?\",\"options\":{\"question\":true}}"));
	}

	private static JsonNode item(JsonNode output, String assetId) {
		for (JsonNode item : output.get("relevant").get("iterable")) {
			if (assetId.equals(item.get("asset").get("id").asString())) {
				return item;
			}
		}
		throw new AssertionError("No seed for asset " + assetId);
	}

}
