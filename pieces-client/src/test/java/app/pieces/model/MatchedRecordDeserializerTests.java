package app.pieces.model;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model's records decode through {@link MatchedRecordDeserializer} exactly as through Jackson's own binding:
 * the same values for present, missing, {@code null}, repeated and unknown properties, and the same failures with
 * the same message and path.
 */
class MatchedRecordDeserializerTests {

	/** The same settings without the module: Jackson binds the records itself. */
	private static final JsonMapper JACKSON = PiecesJson.builder().removeAllModules().build();

	static Stream<Arguments> inputs() {
		return Stream.of(Arguments.of(Asset.class, Fixtures.read("asset-snapshot.json")),
				Arguments.of(Conversation.class, Fixtures.read("conversation-snapshot.json")),
				Arguments.of(QGPTStreamOutput.class, Fixtures.read("qgpt-stream-output-failed.json")),
				Arguments.of(SearchedAsset.class, "{\"identifier\":\"a\"}"),
				Arguments.of(SearchedAsset.class, "{\"identifier\":\"a\",\"exact\":null,\"score\":null}"),
				Arguments.of(SearchedAsset.class,
						"{\"x\":{\"y\":[1,{\"z\":2}]},\"identifier\":\"a\",\"score\":2.5,\"exact\":true,\"more\":[]}"),
				Arguments.of(SearchedAsset.class, "{\"identifier\":\"a\",\"identifier\":\"b\"}"),
				Arguments.of(SearchedAsset.class, "{\"identifier\":\"a\",\"asset\":null}"),
				Arguments.of(SearchedAsset.class, "{\"identifier\":\"a\",\"asset\":{\"id\":\"x\",\"rawJson\":\"y\"}}"),
				Arguments.of(SearchedAsset.class, "{}"),
				Arguments.of(SearchedAsset.class, "{\"identifier\":\"a\",\"asset\":{\"id\":\"x\",\"favorited\":{\"n\":1}}}"),
				Arguments.of(SearchedAsset.class, "{\"identifier\":\"a\",\"score\":\"high\"}"),
				Arguments.of(SearchedAsset.class, "[{\"identifier\":\"a\"}]"),
				Arguments.of(SearchedAsset.class, "\"a\""),
				Arguments.of(Conversation.class, "{\"id\":\"c\",\"anchors\":{\"iterable\":[{\"id\":\"an\"}]}}"),
				Arguments.of(Conversation.class, "{\"id\":\"c\",\"assets\":{\"iterable\":{\"id\":\"a\"}}}"));
	}

	@ParameterizedTest
	@MethodSource("inputs")
	void recordShouldDecodeAsJacksonDecodesIt(Class<?> type, String json) {
		ObjectReader ours = PiecesJson.withoutRawJsonCapture(PiecesJson.mapper().readerFor(type));
		assertThat(outcome(ours, json)).isEqualTo(outcome(JACKSON.readerFor(type), json));
	}

	private static Object outcome(ObjectReader reader, String json) {
		try {
			return reader.readValue(json);
		}
		catch (RuntimeException ex) {
			return ex.getClass().getName() + ": " + ex.getMessage();
		}
	}

}
