package app.pieces.model;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ModelsTests {

	private final JsonMapper mapper = PiecesJson.mapper();

	@Test
	void modelsSnapshotShouldContainTheModelThePythonSdkRequires() {
		Models models = this.mapper.readValue(Fixtures.read("models-snapshot.json"), Models.class);
		assertThat(models.iterable()).hasSize(3);
		Model gpt35 = models.findByName("GPT-3.5-turbo Chat Model").orElseThrow();
		assertThat(gpt35.id()).isEqualTo("bba4842f-20b0-452b-b8c4-ecbbd52d2d5b");
		assertThat(gpt35.cloud()).isTrue();
		assertThat(gpt35.foundation()).isEqualTo("GPT_3.5");
		assertThat(gpt35.type()).isEqualTo(ModelTypeEnum.BALANCED);
		assertThat(gpt35.maxTokens().total()).isEqualTo(16385L);
		assertThat(models.findById("403926d2-a06a-41c8-a91e-201e2b0ef914")).get()
			.satisfies((llama) -> assertThat(llama.isUsable()).isTrue());
		assertThat(models.findByName("GPT-5 Chat Model")).isEmpty();
	}

	@Test
	void modelsShouldNotWriteConvenienceAccessorsAsFields() {
		Models models = this.mapper.readValue(Fixtures.read("models-snapshot.json"), Models.class);
		assertThat(this.mapper.valueToTree(models).at("/iterable/0").has("usable")).isFalse();
	}

	@Test
	void visionStatusShouldTellWhetherLongTermMemoryIsOn() {
		WorkstreamPatternEngineStatus status = this.mapper.readValue(Fixtures.read("ltm-vision-status.json"),
				WorkstreamPatternEngineStatus.class);
		assertThat(status.isVisionEnabled()).isTrue();
		assertThat(status.vision().activation().continuous()).isTrue();
		assertThat(this.mapper.readValue("{\"vision\":{}}", WorkstreamPatternEngineStatus.class).isVisionEnabled())
			.isFalse();
	}

}
