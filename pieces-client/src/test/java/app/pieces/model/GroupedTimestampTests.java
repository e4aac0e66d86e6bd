package app.pieces.model;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class GroupedTimestampTests {

	private final JsonMapper mapper = PiecesJson.mapper();

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "2025-06-03T14:05:09.120Z|2025-06-03T14:05:09.120Z",
			"2025-06-03T14:05:09.120456Z|2025-06-03T14:05:09.120456Z",
			"2025-06-03T14:05:09.120456789Z|2025-06-03T14:05:09.120456789Z",
			"2025-06-03T14:05:09Z|2025-06-03T14:05:09Z", "2025-06-03T16:05:09.5+02:00|2025-06-03T14:05:09.500Z",
			"2025-06-03T14:05:09.120456|2025-06-03T14:05:09.120456Z" })
	void timestampShouldParseAnyFractionDigitsOffsetsAndMissingZones(String wire, String expected) {
		GroupedTimestamp timestamp = this.mapper.readValue("{\"value\":\"" + wire + "\",\"readable\":\"today\"}",
				GroupedTimestamp.class);
		assertThat(timestamp.value()).isEqualTo(Instant.parse(expected));
		assertThat(timestamp.readable()).isEqualTo("today");
	}

	@Test
	void timestampAsEpochSecondsShouldParseAsSecondsLikePiecesModelsDefineIt() {
		GroupedTimestamp timestamp = this.mapper.readValue("{\"value\":1748959509}", GroupedTimestamp.class);
		assertThat(timestamp.value()).isEqualTo(Instant.parse("2025-06-03T14:05:09Z"));
	}

	@Test
	void timestampAsEpochMillisShouldParse() {
		GroupedTimestamp timestamp = this.mapper.readValue("{\"value\":1748959509120}", GroupedTimestamp.class);
		assertThat(timestamp.value()).isEqualTo(Instant.parse("2025-06-03T14:05:09.120Z"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"value\":\"yesterday\"}", "{\"value\":\"\"}", "{\"value\":null}", "{}",
			"{\"value\":{\"nested\":1}}", "{\"value\":[1]}" })
	void timestampThatCannotBeReadShouldGiveNullInsteadOfFailing(String json) {
		GroupedTimestamp timestamp = this.mapper.readValue(json, GroupedTimestamp.class);
		assertThat(timestamp.value()).isNull();
	}

	@Test
	void unreadableTimestampShouldNotLoseTheRestOfTheObject() {
		Asset asset = this.mapper.readValue(
				"{\"id\":\"a1\",\"created\":{\"value\":\"not a date\"},"
						+ "\"updated\":{\"value\":\"2025-06-03T14:05:09.120Z\"}}",
				Asset.class);
		assertThat(asset.createdAt()).isNull();
		assertThat(asset.updatedAt()).isEqualTo(Instant.parse("2025-06-03T14:05:09.120Z"));
	}

	@Test
	void timestampShouldBeWrittenAsIsoText() {
		assertThat(this.mapper.writeValueAsString(GroupedTimestamp.of(Instant.parse("2025-06-03T14:05:09.120Z"))))
			.isEqualTo("{\"value\":\"2025-06-03T14:05:09.120Z\"}");
	}

}
