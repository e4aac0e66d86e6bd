package app.pieces.model;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The models of {@code POST /qgpt/question} and {@code POST /qgpt/relevance}: built with their factories they
 * encode like the fixtures, and they decode sparse and explicit-null bodies.
 */
class QGPTRestModelTests {

	private static final String APPLICATION_ID = "83e57148-5dd3-414d-9958-1c5ea5bbef3b";

	private static final String MODEL_ID = "e7dec4e9-ad81-4b24-a621-ae3d34c01c48";

	private final JsonMapper mapper = PiecesJson.mapper();

	@Test
	void questionInputBuiltWithFactoriesShouldEncodeLikeTheQuestionModeFixture() {
		JsonNode fixture = this.mapper.readTree(Fixtures.read("qgpt-stream-input-question-mode.json")).get("question");
		Application application = this.mapper.treeToValue(
				fixture.get("relevant").get("iterable").get(0).get("seed").get("asset").get("application"),
				Application.class);
		QGPTQuestionInput input = QGPTQuestionInput
			.of("Explain what this snippet does in one sentence.",
					RelevantQGPTSeeds.of(List.of(
							RelevantQGPTSeed.ofSeed(Seed.ofText(application, "int x = a > b ? a : b;", "java")))))
			.withApplication(APPLICATION_ID)
			.withModel(MODEL_ID);
		assertThat((JsonNode) this.mapper.valueToTree(input)).isEqualTo(fixture);
	}

	@Test
	void relevanceInputBuiltWithWithersShouldEncodeLikeTheStreamFixture() {
		JsonNode fixture = this.mapper.readTree(Fixtures.read("qgpt-stream-input.json")).get("relevance");
		QGPTRelevanceInput input = QGPTRelevanceInput.of("How do I add jitter to this retry helper?")
			.withApplication(APPLICATION_ID)
			.withModel(MODEL_ID)
			.withAssets(List.of("f5f080e2-45ea-4b2e-aaad-32990dd359a6"))
			.withOptions(new QGPTRelevanceInputOptions(true, null, QGPTPromptPipeline.generalizedCodeDialog(), null));
		assertThat((JsonNode) this.mapper.valueToTree(input)).isEqualTo(fixture);
	}

	@Test
	void questionInputWithoutContextShouldSendAnEmptyRelevantList() {
		JsonNode json = this.mapper.valueToTree(QGPTQuestionInput.of("Why?", RelevantQGPTSeeds.none()));
		assertThat(json).isEqualTo(this.mapper.readTree("{\"query\":\"Why?\",\"relevant\":{\"iterable\":[]}}"));
	}

	@Test
	void assetReferenceFromARelevanceAnswerShouldKeepTheFieldsPiecesOsRequiresWhenSentBackInAQuestion() {
		String body = """
				{"relevant":{"iterable":[{"id":"a1","asset":{"id":"a1","reference":{"id":"a1","name":"Retry",
				 "creator":"u1","mechanism":"MANUAL","original":"f1","formats":{"iterable":[{"id":"f1"}]},
				 "preview":{"base":{"id":"f1"}},"created":{"value":"2025-06-03T14:05:09.120Z"},
				 "updated":{"value":"2025-06-03T14:05:09.120Z"}}}}]}}
				""";
		QGPTRelevanceOutput found = this.mapper.readValue(body, QGPTRelevanceOutput.class);
		JsonNode sent = this.mapper.valueToTree(QGPTQuestionInput.of("Why?", found.relevant()));
		JsonNode reference = sent.at("/relevant/iterable/0/asset/reference");
		assertThat(reference.get("original").asString()).isEqualTo("f1");
		assertThat(reference.at("/formats/iterable/0/id").asString()).isEqualTo("f1");
		assertThat(reference.at("/preview/base/id").asString()).isEqualTo("f1");
		assertThat(reference.get("creator").asString()).isEqualTo("u1");
	}

	@Test
	void relevanceOutputShouldDecodeSeedsWithTheirAssetReferenceAndText() {
		String body = """
				{"relevant":{"iterable":[
				  {"id":"a1","asset":{"id":"a1"},"seed":{"type":"SEEDED_ASSET","asset":{"application":{"id":"app"},
				   "format":{"fragment":{"string":{"raw":"SELECT 1;"},"metadata":{"ext":"sql"}}}}},"unknown":1},
				  {"id":"s1","seed":{"type":"SEEDED_ASSET"}},
				  {"path":"/tmp/a.txt","anchor":{"id":"an1"}}]},
				 "answer":{"answers":{"iterable":[{"text":"Because.","score":0.75}]}}}""";
		QGPTRelevanceOutput output = this.mapper.readValue(body, QGPTRelevanceOutput.class);
		List<RelevantQGPTSeed> seeds = output.relevant().iterable();
		assertThat(seeds).hasSize(3);
		assertThat(seeds.get(0).asset().id()).isEqualTo("a1");
		assertThat(seeds.get(0).text()).hasValue("SELECT 1;");
		assertThat(seeds.get(1).text()).isEmpty();
		assertThat(seeds.get(2).path()).isEqualTo("/tmp/a.txt");
		assertThat(seeds.get(2).anchor().id()).isEqualTo("an1");
		assertThat(output.answer().text()).isEqualTo("Because.");
		assertThat(output.answer().answers().iterable().get(0).score()).isEqualTo(0.75);
	}

	@Test
	void relevanceOutputWithoutOrWithNullRelevantShouldHaveAnEmptyList() {
		assertThat(this.mapper.readValue("{}", QGPTRelevanceOutput.class).relevant().iterable()).isEmpty();
		QGPTRelevanceOutput nulls = this.mapper.readValue("{\"schema\":null,\"relevant\":null,\"answer\":null}",
				QGPTRelevanceOutput.class);
		assertThat(nulls.relevant().iterable()).isEmpty();
		assertThat(nulls.answer()).isNull();
	}

	@Test
	void relevantSeedForAnAssetShouldCarryItsIdTwice() {
		assertThat((JsonNode) this.mapper.valueToTree(RelevantQGPTSeed.ofAsset("a1")))
			.isEqualTo(this.mapper.readTree("{\"id\":\"a1\",\"asset\":{\"id\":\"a1\"}}"));
	}

}
