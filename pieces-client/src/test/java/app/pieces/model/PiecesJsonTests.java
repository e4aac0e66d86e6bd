package app.pieces.model;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class PiecesJsonTests {

	@Test
	void mapperShouldBeShared() {
		assertThat(PiecesJson.mapper()).isSameAs(PiecesJson.mapper());
	}

	@Test
	void mapperShouldNotWriteNulls() {
		String json = PiecesJson.mapper().writeValueAsString(new ReferencedAsset("a1", null, null));
		assertThat(json).isEqualTo("{\"id\":\"a1\"}");
	}

	@Test
	void mapperShouldAcceptASingleValueWhereAListIsExpected() {
		StreamedIdentifiers frame = PiecesJson.mapper()
			.readValue("{\"iterable\":{\"asset\":{\"id\":\"a1\"}}}", StreamedIdentifiers.class);
		assertThat(frame.iterable()).extracting((item) -> item.asset().id()).containsExactly("a1");
	}

	@Test
	void mapperBuiltFromTheBuilderShouldKeepRawJson() {
		JsonMapper custom = PiecesJson.builder().build();
		Asset asset = custom.readValue("{\"id\":\"a1\",\"extra\":42}", Asset.class);
		assertThat(asset.rawJson()).isNotNull();
		assertThat(asset.raw().get("extra").asInt()).isEqualTo(42);
	}

	@Test
	void moduleShouldAddRawJsonToAPlainMapper() {
		JsonMapper plain = JsonMapper.builder().addModule(PiecesJson.module()).build();
		Conversation conversation = plain.readValue("{\"id\":\"c1\",\"grounding\":{\"messages\":[]}}",
				Conversation.class);
		assertThat(conversation.raw().has("grounding")).isTrue();
	}

	@Test
	void nullAssetShouldDecodeAsNull() {
		record Holder(@com.fasterxml.jackson.annotation.JsonProperty("asset") Asset asset) {
		}
		assertThat(PiecesJson.mapper().readValue("{\"asset\":null}", Holder.class).asset()).isNull();
	}

	@Test
	void rawJsonShouldCompareByContentAndNotPrintIt() {
		RawJson raw = RawJson.of("{\"email\":\"ada@example.com\"}");
		assertThat(raw).isEqualTo(RawJson.of("{\"email\":\"ada@example.com\"}")).hasSameHashCodeAs(
				RawJson.of("{\"email\":\"ada@example.com\"}"));
		assertThat(raw.toString()).doesNotContain("ada").contains(String.valueOf(raw.size()));
		assertThat(raw.json()).contains("ada@example.com");
	}

	@Test
	void listsGivenToRecordsShouldBeCopiedWithoutNulls() {
		java.util.ArrayList<Model> models = new java.util.ArrayList<>();
		models.add(null);
		Models snapshot = new Models(models, null);
		models.add(new Model("m1", null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null));
		assertThat(snapshot.iterable()).isEmpty();
		assertThat(new Models(List.of(models.get(1)), null).iterable()).hasSize(1);
	}

	@Test
	void largeRawJsonShouldBeStoredDeflatedAndReadBackUnchanged() {
		String fixture = PiecesJson.mapper().readTree(Fixtures.read("asset-snapshot.json")).toString();
		RawJson raw = RawJson.of(fixture);
		assertThat(raw.size()).isEqualTo(fixture.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
		assertThat(raw.storedSize()).isLessThan(raw.size() / 2);
		assertThat(raw.json()).isEqualTo(fixture);
		assertThat(raw.toJsonNode()).isEqualTo(PiecesJson.mapper().readTree(fixture));
		assertThat(raw).isEqualTo(RawJson.of(fixture)).hasSameHashCodeAs(RawJson.of(fixture));
		assertThat(raw).isNotEqualTo(RawJson.of(fixture.replace("Retry", "Retries")));
	}

	@Test
	void rawJsonKeptUncompressedShouldDeflateLaterAndStayEqualAcrossBothForms() {
		String fixture = PiecesJson.mapper().readTree(Fixtures.read("asset-snapshot.json")).toString();
		byte[] utf8 = fixture.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		RawJson later = RawJson.uncompressed(utf8.clone());
		RawJson atOnce = RawJson.ofUtf8(utf8.clone());
		assertThat(later.storedSize()).isEqualTo(later.size());
		int hash = later.hashCode();
		assertThat(later).isEqualTo(atOnce).hasSameHashCodeAs(atOnce);
		assertThat(later.compact()).isTrue();
		assertThat(later.storedSize()).isEqualTo(atOnce.storedSize()).isLessThan(later.size() / 2);
		assertThat(later.json()).isEqualTo(fixture);
		assertThat(later.hashCode()).isEqualTo(hash);
		assertThat(later).isEqualTo(atOnce);
		assertThat(later.compact()).as("already deflated").isTrue();
		assertThat(RawJson.uncompressed("{\"id\":\"a1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.compact()).as("too small to deflate").isFalse();
	}

	@Test
	void smallOrIncompressibleRawJsonShouldBeStoredAsIs() {
		RawJson small = RawJson.of("{\"id\":\"a1\"}");
		assertThat(small.storedSize()).isEqualTo(small.size());
		StringBuilder random = new StringBuilder("\"");
		java.util.Random generator = new java.util.Random(42);
		while (random.length() < 4 * RawJson.COMPRESSION_THRESHOLD) {
			random.append((char) ('!' + generator.nextInt(90)));
		}
		random.append('"');
		String noise = random.toString().replace("\\", "/").replace("\"", "'").replaceFirst("^'", "\"")
			.replaceFirst("'$", "\"");
		RawJson incompressible = RawJson.of(noise);
		assertThat(incompressible.storedSize()).isEqualTo(incompressible.size());
		assertThat(incompressible.json()).isEqualTo(noise);
		// the deflater given up on halfway is reused: the next text must come back whole
		String fixture = PiecesJson.mapper().readTree(Fixtures.read("asset-snapshot.json")).toString();
		RawJson next = RawJson.of(fixture);
		assertThat(next.storedSize()).isLessThan(next.size() / 2);
		assertThat(next.json()).isEqualTo(fixture);
	}

}
