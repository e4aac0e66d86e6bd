package app.pieces.model;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StreamedIdentifiersTests {

	private final JsonMapper mapper = PiecesJson.mapper();

	@Test
	void initialFrameShouldListEveryAssetId() {
		StreamedIdentifiers frame = read("streamed-identifiers-assets-initial.json");
		assertThat(frame.iterable()).extracting((item) -> item.asset().id())
			.containsExactly("f5f080e2-45ea-4b2e-aaad-32990dd359a6", "552fd637-0a51-4bc4-ba7b-c69597cc2c97",
					"079b1244-7c00-4435-852e-2cf1c5c16f0a");
		assertThat(frame.iterable()).noneMatch(StreamedIdentifier::isDeleted);
	}

	@Test
	void emptyFrameShouldHaveNoItems() {
		assertThat(read("streamed-identifiers-assets-empty.json").iterable()).isEmpty();
		assertThat(this.mapper.readValue("{}", StreamedIdentifiers.class).iterable()).isEmpty();
		assertThat(this.mapper.readValue("{\"iterable\":null}", StreamedIdentifiers.class).iterable()).isEmpty();
	}

	@Test
	void deltaFramesShouldCarryDeletedAndUpdated() {
		StreamedIdentifier deleted = read("streamed-identifiers-assets-delta-deleted.json").iterable().get(0);
		assertThat(deleted.isDeleted()).isTrue();
		assertThat(deleted.asset().id()).isEqualTo("079b1244-7c00-4435-852e-2cf1c5c16f0a");
		StreamedIdentifier updated = read("streamed-identifiers-assets-delta-updated.json").iterable().get(0);
		assertThat(updated.isDeleted()).isFalse();
		assertThat(updated.updated().value()).isEqualTo(Instant.parse("2025-06-03T14:20:03.441Z"));
	}

	@Test
	void explicitNullStyleFrameShouldDecodeLikeAnOmittedOne() {
		StreamedIdentifiers frame = read("streamed-identifiers-assets-delta-explicit-nulls.json");
		StreamedIdentifier item = frame.iterable().get(0);
		assertThat(item.asset()).isEqualTo(ReferencedAsset.of("552fd637-0a51-4bc4-ba7b-c69597cc2c97"));
		assertThat(item.conversation()).isNull();
		assertThat(item.workstreamSummary()).isNull();
		assertThat(item.isDeleted()).isFalse();
		assertThat(frame.schema()).isNull();
	}

	@Test
	void conversationFrameShouldCarryConversationReferences() {
		assertThat(read("streamed-identifiers-conversations.json").iterable())
			.extracting((item) -> item.conversation().id())
			.containsExactly("e671234d-be69-49c0-9900-e8fae48d24b9", "9aaf9d12-9cf1-47c0-b73e-cb052d597616");
	}

	@Test
	void snakeCaseReferencesShouldDecode() {
		StreamedIdentifiers frame = this.mapper.readValue(
				"{\"iterable\":[{\"workstream_summary\":{\"id\":\"w1\"}},{\"range\":{\"id\":\"r1\"}},"
						+ "{\"anchor\":{\"id\":\"an1\"}},{\"model\":{\"id\":\"m1\"}}]}",
				StreamedIdentifiers.class);
		assertThat(frame.iterable().get(0).workstreamSummary().id()).isEqualTo("w1");
		assertThat(frame.iterable().get(1).range().id()).isEqualTo("r1");
		assertThat(frame.iterable().get(2).anchor().id()).isEqualTo("an1");
		assertThat(frame.iterable().get(3).model().id()).isEqualTo("m1");
	}

	@Test
	void itemWithoutItsReferenceShouldDecodeWithANullReference() {
		StreamedIdentifiers frame = this.mapper.readValue("{\"iterable\":[{\"deleted\":false},null]}",
				StreamedIdentifiers.class);
		assertThat(frame.iterable()).singleElement().satisfies((item) -> assertThat(item.asset()).isNull());
	}

	@Test
	void referenceWithoutIdShouldFailToDecodeWithAClearMessage() {
		assertThatExceptionOfType(DatabindException.class)
			.isThrownBy(() -> this.mapper.readValue("{\"iterable\":[{\"asset\":{}}]}", StreamedIdentifiers.class))
			.withMessageContaining("ReferencedAsset.id is required");
	}

	private StreamedIdentifiers read(String fixture) {
		return this.mapper.readValue(Fixtures.read(fixture), StreamedIdentifiers.class);
	}

}
