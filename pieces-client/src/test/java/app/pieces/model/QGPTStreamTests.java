package app.pieces.model;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class QGPTStreamTests {

	private final JsonMapper mapper = PiecesJson.mapper();

	@Test
	void outputSequenceShouldAssembleTheAnswerFromInProgressChunksAndEndOnCompleted() {
		List<QGPTStreamOutput> frames = Arrays.stream(Fixtures.read("qgpt-stream-output-sequence.jsonl").split("\n"))
			.filter((line) -> !line.isBlank())
			.map((line) -> this.mapper.readValue(line, QGPTStreamOutput.class))
			.toList();
		assertThat(frames).extracting(QGPTStreamOutput::status)
			.containsExactly(QGPTStreamEnum.INITIALIZED, QGPTStreamEnum.IN_PROGRESS, QGPTStreamEnum.IN_PROGRESS,
					QGPTStreamEnum.IN_PROGRESS, QGPTStreamEnum.IN_PROGRESS, QGPTStreamEnum.IN_PROGRESS,
					QGPTStreamEnum.COMPLETED);
		assertThat(frames).extracting(QGPTStreamOutput::terminal)
			.containsExactly(false, false, false, false, false, false, true);
		assertThat(frames).extracting(QGPTStreamOutput::request).containsOnly("e5b38f66-a039-4a3b-9004-fb6d512939e2");
		StringBuilder answer = new StringBuilder();
		frames.forEach((frame) -> answer.append(frame.text()));
		assertThat(answer).hasToString("Add a random component to each sleep, e.g. "
				+ "`delay + ThreadLocalRandom.current().nextLong(delay / 2)`, so that clients retrying at the same "
				+ "time spread out instead of hitting the server together.");
		assertThat(frames.get(6).statusCode()).isEqualTo(200);
		assertThat(frames.get(1).question().answers().iterable().get(0).score()).isEqualTo(0.0);
	}

	@Test
	void failedOutputShouldCarryStatusCodeAndErrorMessage() {
		QGPTStreamOutput failed = this.mapper.readValue(Fixtures.read("qgpt-stream-output-failed.json"),
				QGPTStreamOutput.class);
		assertThat(failed.status()).isEqualTo(QGPTStreamEnum.FAILED);
		assertThat(failed.terminal()).isTrue();
		assertThat(failed.statusCode()).isEqualTo(401);
		assertThat(failed.errorMessage()).isEqualTo("UserSubscriptionRequired");
		assertThat(failed.text()).isEmpty();
	}

	@Test
	void outputWithUnknownStatusExplicitNullsAndUnknownFieldsShouldDecode() {
		QGPTStreamOutput output = this.mapper.readValue("""
				{"request":null,"conversation":"c1","status":"THINKING_HARD","question":null,"relevance":null,
				 "statusCode":null,"errorMessage":null,"agentRoutes":{"related":{"people":true}},
				 "intermediate_messages":{"x":1},"prompt_context_materials":null,"brandNew":{"a":[1]}}
				""", QGPTStreamOutput.class);
		assertThat(output.status()).isEqualTo(QGPTStreamEnum.UNKNOWN);
		assertThat(output.conversation()).isEqualTo("c1");
		assertThat(output.agentRoutes().at("/related/people").asBoolean()).isTrue();
		assertThat(output.intermediateMessages().get("x").asInt()).isEqualTo(1);
		assertThat(output.text()).isEmpty();
	}

	@Test
	void outputWithoutStatusShouldCountAsUnknownAndTerminal() {
		QGPTStreamOutput output = this.mapper.readValue("{\"conversation\":\"c1\"}", QGPTStreamOutput.class);
		assertThat(output.status()).isNull();
		assertThat(output.statusOrUnknown()).isEqualTo(QGPTStreamEnum.UNKNOWN);
		assertThat(output.terminal()).isTrue();
	}

	@Test
	void inProgressStatusShouldBeWrittenWithAHyphen() {
		QGPTStreamOutput output = new QGPTStreamOutput("r1", "c1", QGPTStreamEnum.IN_PROGRESS, null, null, null, null,
				null, null, null, null, null);
		assertThat(this.mapper.writeValueAsString(output))
			.isEqualTo("{\"request\":\"r1\",\"conversation\":\"c1\",\"status\":\"IN-PROGRESS\"}");
	}

	@Test
	void relevanceInputShouldBeWrittenAsTheOfficialClientSendsIt() {
		QGPTRelevanceInput relevance = new QGPTRelevanceInput("How do I add jitter to this retry helper?",
				"83e57148-5dd3-414d-9958-1c5ea5bbef3b", "e7dec4e9-ad81-4b24-a621-ae3d34c01c48",
				new QGPTRelevanceInputOptions(true, null, QGPTPromptPipeline.generalizedCodeDialog(), null),
				FlattenedAssets.of(List.of("f5f080e2-45ea-4b2e-aaad-32990dd359a6")), null, null, null, null, null);
		QGPTStreamInput input = QGPTStreamInput.ofRelevance("e5b38f66-a039-4a3b-9004-fb6d512939e2",
				"e671234d-be69-49c0-9900-e8fae48d24b9", relevance);
		assertThat(this.mapper.writeValueAsString(input)).doesNotContain("indices").doesNotContain("null");
		assertThat((JsonNode) this.mapper.valueToTree(input))
			.isEqualTo(this.mapper.readTree(Fixtures.read("qgpt-stream-input.json")));
	}

	@Test
	void stopRequestShouldBeWrittenAsTheCliSendsIt() {
		QGPTStreamInput stop = QGPTStreamInput.stopRequest("e671234d-be69-49c0-9900-e8fae48d24b9");
		assertThat((JsonNode) this.mapper.valueToTree(stop))
			.isEqualTo(this.mapper.readTree(Fixtures.read("qgpt-stream-input-stop.json")));
		assertThat(this.mapper.writeValueAsString(QGPTStreamInput.resetRequest())).isEqualTo("{\"reset\":true}");
	}

	@Test
	void questionModeInputShouldDecodeItsInlineSeed() {
		QGPTStreamInput input = this.mapper.readValue(Fixtures.read("qgpt-stream-input-question-mode.json"),
				QGPTStreamInput.class);
		assertThat(input.question().query()).isEqualTo("Explain what this snippet does in one sentence.");
		RelevantQGPTSeed seed = input.question().relevant().iterable().get(0);
		assertThat(seed.seed().type()).isEqualTo("SEEDED_ASSET");
		assertThat(seed.seed().asset().format().fragment().string().raw()).isEqualTo("int x = a > b ? a : b;");
		assertThat(seed.seed().asset().format().fragment().metadata().ext()).isEqualTo("java");
	}

	@Test
	void withRequestAndWithConversationShouldCopyTheOtherFields() {
		QGPTStreamInput input = QGPTStreamInput
			.ofRelevance(null, null, QGPTRelevanceInput.question("q", "app", "model"))
			.withRequest("r1")
			.withConversation("c1");
		assertThat(input.request()).isEqualTo("r1");
		assertThat(input.conversation()).isEqualTo("c1");
		assertThat(input.relevance().options().question()).isTrue();
		assertThat(input.relevance().application()).isEqualTo("app");
	}

}
