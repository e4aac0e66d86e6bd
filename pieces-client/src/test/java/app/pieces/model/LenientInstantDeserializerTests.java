package app.pieces.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LenientInstantDeserializer}'s fast path: every UTC timestamp of the common form reads as
 * {@link Instant#parse} reads it, and every other text is left to the general parsers, which still read it.
 */
class LenientInstantDeserializerTests {

	@ParameterizedTest
	@ValueSource(strings = { "2025-06-03T15:00:00Z", "2025-06-03T15:00:00.1Z", "2025-06-03T15:00:00.123Z",
			"2025-06-03T15:00:00.123456Z", "2025-06-03T15:00:00.123456789Z", "1970-01-01T00:00:00.000Z",
			"2024-02-29T23:59:59.999Z", "1969-12-31T23:59:59.5Z", "2000-01-01T00:00:00.000001Z" })
	void commonUtcFormShouldReadAsInstantParseReadsIt(String text) {
		assertThat(LenientInstantDeserializer.parseUtc(text)).isEqualTo(Instant.parse(text));
		assertThat(LenientInstantDeserializer.parse(text)).isEqualTo(Instant.parse(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2025-06-03T15:00:00+02:00", "2025-06-03T15:00:00.123", "2025-06-03 15:00:00Z",
			"2025-02-29T15:00:00Z", "2025-13-03T15:00:00Z", "2025-06-03T24:00:00Z", "2025-06-03T15:00:60Z",
			"2025-06-03T15:00:00.Z", "2025-06-03T15:00:00.1234567890Z", "+12025-06-03T15:00:00Z", "2025-06-0xT15:00:00Z",
			"2025-06-03T15:00:00.12a4Z" })
	void otherTextShouldBeLeftToTheGeneralParsers(String text) {
		assertThat(LenientInstantDeserializer.parseUtc(text)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "2025-06-03T15:00:00.123Z", "2025-06-03T15:00:00.123456789Z", "2025-06-03T15:00:00Z",
			"2025-06-03T17:00:00+02:00", " 2025-06-03T15:00:00Z ", "2025-06-03T15:00:00\\u002E5Z" })
	void timestampsShouldReadFromTextBytesAndTreesWhereverTheyStandInTheDocument(String text) {
		Instant expected = LenientInstantDeserializer.parse(text.replace("\\u002E", "."));
		String json = "[{\"value\":\"" + text + "\"},{\"readable\":\"padding\",\"value\":\"" + text + "\"}]";
		TypeReference<List<GroupedTimestamp>> type = new TypeReference<>() {
		};
		JsonMapper mapper = PiecesJson.mapper();
		for (List<GroupedTimestamp> read : List.of(mapper.readValue(json, type),
				mapper.readValue(json.getBytes(StandardCharsets.UTF_8), type),
				mapper.<List<GroupedTimestamp>>readValue(mapper.treeAsTokens(mapper.readTree(json)), type))) {
			assertThat(read).extracting(GroupedTimestamp::value).containsExactly(expected, expected);
		}
		assertThat(expected).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "2025-06-03T17:00:00+02:00", "2025-06-03T15:00:00" })
	void offsetsAndZonelessTextShouldStillBeRead(String text) {
		assertThat(LenientInstantDeserializer.parse(text)).isEqualTo(Instant.parse("2025-06-03T15:00:00Z"));
	}

}
