package app.pieces.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON fixture decodes into its model, and writing the model back produces only wire names and values
 * that were in the fixture (which catches a mistyped {@code @JsonProperty}).
 */
class FixtureDecodingTests {

	private final JsonMapper mapper = PiecesJson.mapper();

	static Stream<Arguments> fixtures() {
		Map<String, Class<?>> fixtures = Map.ofEntries(Map.entry("asset-snapshot.json", Asset.class),
				Map.entry("connect-request.json", SeededConnectorConnection.class),
				Map.entry("connect-response.json", Context.class),
				Map.entry("conversation-snapshot.json", Conversation.class),
				Map.entry("ltm-vision-status.json", WorkstreamPatternEngineStatus.class),
				Map.entry("models-snapshot.json", Models.class),
				Map.entry("qgpt-stream-input-question-mode.json", QGPTStreamInput.class),
				Map.entry("qgpt-stream-input-stop.json", QGPTStreamInput.class),
				Map.entry("qgpt-stream-input.json", QGPTStreamInput.class),
				Map.entry("qgpt-stream-output-failed.json", QGPTStreamOutput.class),
				Map.entry("qgpt-stream-output-stopped.json", QGPTStreamOutput.class),
				Map.entry("rest-user-snapshot-logged-out.json", ReturnedUserProfile.class),
				Map.entry("rest-user-snapshot.json", ReturnedUserProfile.class),
				Map.entry("streamed-identifiers-assets-delta-deleted.json", StreamedIdentifiers.class),
				Map.entry("streamed-identifiers-assets-delta-explicit-nulls.json", StreamedIdentifiers.class),
				Map.entry("streamed-identifiers-assets-delta-updated.json", StreamedIdentifiers.class),
				Map.entry("streamed-identifiers-assets-empty.json", StreamedIdentifiers.class),
				Map.entry("streamed-identifiers-assets-initial.json", StreamedIdentifiers.class),
				Map.entry("streamed-identifiers-conversations.json", StreamedIdentifiers.class),
				Map.entry("user-profile.json", UserProfile.class));
		List<Arguments> arguments = new ArrayList<>();
		fixtures.forEach((name, type) -> arguments.add(Arguments.of(name, type)));
		String[] sequence = Fixtures.read("qgpt-stream-output-sequence.jsonl").split("\n");
		for (int i = 0; i < sequence.length; i++) {
			if (!sequence[i].isBlank()) {
				arguments.add(Arguments.of("qgpt-stream-output-sequence.jsonl#" + (i + 1), QGPTStreamOutput.class));
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void fixtureWhenDecodedAndWrittenBackShouldOnlyContainItsOwnWireFields(String fixture, Class<?> type) {
		String json = json(fixture);
		Object decoded = this.mapper.readValue(json, type);
		assertThat(decoded).isNotNull();
		JsonNode original = this.mapper.readTree(json);
		JsonNode written = this.mapper.valueToTree(decoded);
		assertContained(written, original, "$");
		Object again = this.mapper.treeToValue(written, type);
		assertThat(again).usingRecursiveComparison().ignoringFields("rawJson").isEqualTo(decoded);
	}

	private static String json(String fixture) {
		int hash = fixture.indexOf('#');
		if (hash < 0) {
			return Fixtures.read(fixture);
		}
		int line = Integer.parseInt(fixture.substring(hash + 1));
		return Fixtures.read(fixture.substring(0, hash)).split("\n")[line - 1];
	}

	/**
	 * Assert that everything in {@code written} is also in {@code original}, allowing only empty containers
	 * the model adds and equal instants written differently.
	 */
	private static void assertContained(JsonNode written, JsonNode original, String path) {
		if (written.isObject()) {
			assertThat(original.isObject()).as("%s is an object in the fixture", path).isTrue();
			for (Map.Entry<String, JsonNode> field : written.properties()) {
				JsonNode value = field.getValue();
				JsonNode originalValue = original.get(field.getKey());
				if ((originalValue == null || originalValue.isNull()) && value.isContainer() && value.isEmpty()) {
					continue;
				}
				assertThat(originalValue).as("%s.%s is in the fixture", path, field.getKey()).isNotNull();
				assertContained(value, originalValue, path + "." + field.getKey());
			}
		}
		else if (written.isArray()) {
			assertThat(original.isArray()).as("%s is an array in the fixture", path).isTrue();
			assertThat(written.size()).as("%s size", path).isEqualTo(original.size());
			for (int i = 0; i < written.size(); i++) {
				assertContained(written.get(i), original.get(i), path + "[" + i + "]");
			}
		}
		else if (written.isString() && original.isString() && isInstant(written.asString())
				&& isInstant(original.asString())) {
			assertThat(Instant.parse(written.asString())).as(path).isEqualTo(Instant.parse(original.asString()));
		}
		else if (written.isNumber() && original.isNumber()) {
			assertThat(written.decimalValue()).as(path).isEqualByComparingTo(original.decimalValue());
		}
		else {
			assertThat(written).as(path).isEqualTo(original);
		}
	}

	private static boolean isInstant(String text) {
		try {
			Instant.parse(text);
			return true;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

}
