package app.pieces.model;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class WireEnumTests {

	static Stream<Class<? extends Enum<?>>> enums() {
		return Stream.of(QGPTStreamEnum.class, MechanismEnum.class, ConversationTypeEnum.class, PrivacyEnum.class,
				CapabilitiesEnum.class, PlatformEnum.class, ModelTypeEnum.class,
				EmbeddedModelSchemaSemanticVersion.class);
	}

	@ParameterizedTest
	@MethodSource("enums")
	void unknownWireValueShouldDecodeToUnknownEvenWithAPlainMapper(Class<? extends Enum<?>> type) {
		for (JsonMapper mapper : List.of(PiecesJson.mapper(), JsonMapper.builder().build())) {
			Object decoded = mapper.readValue("\"SOMETHING_NEW_IN_PIECES_OS_14\"", type);
			assertThat(decoded).hasToString("UNKNOWN");
		}
	}

	@ParameterizedTest
	@MethodSource("enums")
	void everyConstantShouldRoundTripThroughItsWireValue(Class<? extends Enum<?>> type) {
		JsonMapper mapper = PiecesJson.mapper();
		for (Enum<?> constant : type.getEnumConstants()) {
			String json = mapper.writeValueAsString(constant);
			assertThat(mapper.readValue(json, type)).isSameAs(constant);
		}
	}

	@Test
	void wireValuesShouldDecodeWhereverTheyStandInTheInputAndHoweverTheyAreWritten() {
		JsonMapper mapper = PiecesJson.mapper();
		String json = "[\"MANUAL\", \"manual\", \" MANUAL \", \"MAN\\u0055AL\", \"MANUALLY\", \"RECOMMENDED\", "
				+ "\"DELETED\", \"EXTERNAL_AGENT\", \"\"]";
		List<MechanismEnum> expected = List.of(MechanismEnum.MANUAL, MechanismEnum.MANUAL, MechanismEnum.MANUAL,
				MechanismEnum.MANUAL, MechanismEnum.UNKNOWN, MechanismEnum.RECOMMENDED, MechanismEnum.DELETED,
				MechanismEnum.EXTERNAL_AGENT, MechanismEnum.UNKNOWN);
		TypeReference<List<MechanismEnum>> type = new TypeReference<>() {
		};
		// from text, from bytes and from a tree: the parsers keep their string buffers differently
		assertThat(mapper.readValue(json, type)).isEqualTo(expected);
		assertThat(mapper.readValue(json.getBytes(StandardCharsets.UTF_8), type)).isEqualTo(expected);
		assertThat(mapper.<List<MechanismEnum>>readValue(mapper.treeAsTokens(mapper.readTree(json)), type))
			.isEqualTo(expected);
	}

	@Test
	void qgptStatusShouldUseTheHyphenatedWireValueAndReadCaseInsensitively() {
		assertThat(QGPTStreamEnum.IN_PROGRESS.wireValue()).isEqualTo("IN-PROGRESS");
		assertThat(QGPTStreamEnum.fromWireValue("in-progress")).isEqualTo(QGPTStreamEnum.IN_PROGRESS);
		assertThat(QGPTStreamEnum.fromWireValue("IN_PROGRESS")).isEqualTo(QGPTStreamEnum.UNKNOWN);
		assertThat(QGPTStreamEnum.fromWireValue(null)).isEqualTo(QGPTStreamEnum.UNKNOWN);
		assertThat(QGPTStreamEnum.fromWireValue(" COMPLETED ")).isEqualTo(QGPTStreamEnum.COMPLETED);
	}

	@Test
	void onlyInitializedAndInProgressShouldBeNonTerminal() {
		assertThat(Stream.of(QGPTStreamEnum.values()).filter((status) -> !status.isTerminal()))
			.containsExactlyInAnyOrder(QGPTStreamEnum.INITIALIZED, QGPTStreamEnum.IN_PROGRESS);
	}

}
