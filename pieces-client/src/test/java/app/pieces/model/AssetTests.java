package app.pieces.model;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AssetTests {

	private final JsonMapper mapper = PiecesJson.mapper();

	@Test
	void assetWhenDecodedShouldExposeNameLanguageTextAndTimestamps() {
		Asset asset = this.mapper.readValue(Fixtures.read("asset-snapshot.json"), Asset.class);
		assertThat(asset.id()).isEqualTo("f5f080e2-45ea-4b2e-aaad-32990dd359a6");
		assertThat(asset.name()).isEqualTo("Retry with exponential backoff");
		assertThat(asset.language()).isEqualTo("java");
		assertThat(asset.text()).startsWith("public static <T> T retry(Callable<T> op, int max)").endsWith("}\n");
		assertThat(asset.createdAt()).isEqualTo(Instant.parse("2025-05-28T08:41:12.006Z"));
		assertThat(asset.updatedAt()).isEqualTo(Instant.parse("2025-06-01T17:03:44.750Z"));
		assertThat(asset.mechanism()).isEqualTo(MechanismEnum.MANUAL);
		assertThat(asset.creator()).isEqualTo("2c8bb7f1-17be-4a73-b927-dbc5e5362fa4");
		assertThat(asset.formats()).isNotNull();
		assertThat(asset.formats().iterable()).singleElement()
			.satisfies((format) -> assertThat(format.classification().generic()).isEqualTo("CODE"));
		assertThat(asset.preview().base().id()).isEqualTo("a9ebd277-f046-4c84-9b09-925644bfd211");
		assertThat(asset.score().automatic()).isEqualTo(5L);
	}

	@Test
	void assetWhenDecodedShouldKeepCompactRawJsonWithFieldsTheRecordDoesNotModel() {
		String fixture = Fixtures.read("asset-snapshot.json");
		Asset asset = this.mapper.readValue(fixture, Asset.class);
		assertThat(asset.rawJson()).isNotNull();
		assertThat(asset.rawJson().size()).isLessThan(fixture.length());
		JsonNode raw = asset.raw();
		// the flattened asset nested in a format is not modelled
		assertThat(raw.at("/formats/iterable/0/asset/preview/base").asString())
			.isEqualTo("a9ebd277-f046-4c84-9b09-925644bfd211");
		assertThat(raw.at("/original/reference/fragment/metadata/ext").asString()).isEqualTo("java");
		assertThat(raw).isEqualTo(this.mapper.readTree(fixture));
	}

	@Test
	void assetRawShouldReturnAFreshTreeOnEveryCall() {
		Asset asset = this.mapper.readValue(Fixtures.read("asset-snapshot.json"), Asset.class);
		JsonNode first = asset.raw();
		((tools.jackson.databind.node.ObjectNode) first).put("name", "changed");
		assertThat(asset.raw().get("name").asString()).isEqualTo("Retry with exponential backoff");
	}

	@Test
	void assetRawWhenDecodedWithoutThePiecesModuleShouldFallBackToTheRecordAsJson() {
		JsonMapper plain = JsonMapper.builder().build();
		Asset asset = plain.readValue("{\"id\":\"a1\",\"name\":\"n\",\"unknown\":1}",
				Asset.class);
		assertThat(asset.rawJson()).isNull();
		assertThat(asset.raw().get("id").asString()).isEqualTo("a1");
		assertThat(asset.raw().get("name").asString()).isEqualTo("n");
	}

	@Test
	void assetsInsideOtherObjectsShouldAlsoKeepTheirRawJson() {
		record Holder(@com.fasterxml.jackson.annotation.JsonProperty("asset") Asset asset) {
		}
		Holder holder = this.mapper.readValue("{\"asset\":{\"id\":\"a1\",\"extra\":{\"x\":true}}}", Holder.class);
		assertThat(holder.asset().raw().at("/extra/x").asBoolean()).isTrue();
	}

	@Test
	void assetWithoutIdShouldFailToDecodeWithAClearMessage() {
		assertThatExceptionOfType(DatabindException.class)
			.isThrownBy(() -> this.mapper.readValue("{\"name\":\"no id\"}", Asset.class))
			.withMessageContaining("Asset.id is required");
	}

	@Test
	void assetWithExplicitNullsAndUnknownValuesShouldDecode() {
		Asset asset = this.mapper.readValue("{\"id\":\"a1\",\"name\":null,\"mechanism\":\"TELEPATHIC\","
				+ "\"created\":null,\"original\":null,\"formats\":{\"iterable\":null},\"newField\":[1,2]}",
				Asset.class);
		assertThat(asset.name()).isNull();
		assertThat(asset.mechanism()).isEqualTo(MechanismEnum.UNKNOWN);
		assertThat(asset.createdAt()).isNull();
		assertThat(asset.language()).isNull();
		assertThat(asset.text()).isNull();
		assertThat(asset.formats().iterable()).isEmpty();
	}

	@Test
	void assetToStringShouldNotContainTheContent() {
		Asset asset = this.mapper.readValue(Fixtures.read("asset-snapshot.json"), Asset.class);
		assertThat(asset.toString()).contains("f5f080e2-45ea-4b2e-aaad-32990dd359a6", "java")
			.doesNotContain("Callable")
			.doesNotContain("2c8bb7f1");
	}

	@Test
	void assetsWithTheSameJsonShouldBeEqual() {
		String fixture = Fixtures.read("asset-snapshot.json");
		assertThat(this.mapper.readValue(fixture, Asset.class)).isEqualTo(this.mapper.readValue(fixture, Asset.class))
			.hasSameHashCodeAs(this.mapper.readValue(fixture, Asset.class));
	}

	@Test
	void assetShouldShareOneInstanceOfTheOriginalFormatWithPreviewAndFormats() {
		Asset asset = this.mapper.readValue(Fixtures.read("asset-snapshot.json"), Asset.class);
		Format original = asset.original().reference();
		assertThat(asset.preview().base().reference()).isSameAs(original);
		assertThat(asset.formats().iterable().get(0)).isSameAs(original);
	}

	@Test
	void assetWithADifferentPreviewShouldKeepIt() {
		Asset asset = this.mapper.readValue("""
				{"id":"a1","original":{"id":"f1","reference":{"id":"f1","fragment":{"string":{"raw":"full"}}}},
				 "preview":{"base":{"id":"f2","reference":{"id":"f2","fragment":{"string":{"raw":"short"}}}}},
				 "formats":{"iterable":[{"id":"f1","fragment":{"string":{"raw":"full"}}},{"id":"f2"}]}}
				""", Asset.class);
		assertThat(asset.text()).isEqualTo("full");
		assertThat(asset.preview().base().reference().fragment().string().raw()).isEqualTo("short");
		assertThat(asset.formats().iterable().get(0)).isSameAs(asset.original().reference());
		assertThat(asset.formats().iterable().get(1).id()).isEqualTo("f2");
	}

	@Test
	void assetWhosePreviewHasTheOriginalsIdButOtherContentShouldKeepBoth() {
		Asset asset = this.mapper.readValue("""
				{"id":"a1","original":{"id":"f1","reference":{"id":"f1","classification":{"specific":"java"},
				  "fragment":{"string":{"raw":"full"}}}},
				 "preview":{"base":{"id":"f1","reference":{"id":"f1","classification":{"specific":"java"},
				  "fragment":{"string":{"raw":"short"}}}}},
				 "formats":{"iterable":[{"id":"f1","classification":{"specific":"kt"},"fragment":{"string":{"raw":"full"}}}]}}
				""", Asset.class);
		assertThat(asset.text()).isEqualTo("full");
		assertThat(asset.preview().base().reference().fragment().string().raw()).isEqualTo("short");
		assertThat(asset.formats().iterable().get(0)).isNotSameAs(asset.original().reference());
		assertThat(asset.formats().iterable().get(0).classification().specific()).isEqualTo("kt");
	}

}
