package app.pieces.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The shape comparison used against the fixtures detects real differences.
 */
class ShapesTests {

	@Test
	void sameShapeWhenAKeyIsMissingShouldFail() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> Shapes
			.assertSameShape(Json.parse("{\"a\":{\"b\":1,\"c\":2}}"), Json.parse("{\"a\":{\"b\":1}}")));
	}

	@Test
	void sameShapeWhenAnArrayItemDiffersShouldFail() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> Shapes
			.assertSameShape(Json.parse("{\"i\":[{\"asset\":{\"id\":\"x\"}}]}"), Json.parse("{\"i\":[{\"id\":\"x\"}]}")));
	}

	@Test
	void sameShapeWhenAValueKindDiffersShouldFail() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> Shapes.assertSameShape(Json.parse("{\"a\":1}"), Json.parse("{\"a\":\"1\"}")));
	}

	@Test
	void sameShapeIgnoringNullsShouldAcceptExtraNullKeysOnly() {
		assertThatCode(() -> Shapes.assertSameShapeIgnoringNulls(Json.parse("{\"a\":1}"),
				Json.parse("{\"a\":2,\"b\":null}")))
			.doesNotThrowAnyException();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> Shapes
			.assertSameShapeIgnoringNulls(Json.parse("{\"a\":1}"), Json.parse("{\"a\":2,\"b\":3}")));
	}

}
