package app.pieces.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PiecesVersionTests {

	private static final PiecesVersion MIN = PiecesVersion.parse("12.0.0");

	private static final PiecesVersion MAX = PiecesVersion.parse("13.0.0");

	@Test
	void parseShouldReadNumbersAndQualifier() {
		PiecesVersion version = PiecesVersion.parse(" 12.3.2-staging\n");
		assertThat(version.major()).isEqualTo(12);
		assertThat(version.minor()).isEqualTo(3);
		assertThat(version.patch()).isEqualTo(2);
		assertThat(version.qualifier()).isEqualTo("staging");
		assertThat(version.text()).isEqualTo("12.3.2-staging");
		assertThat(version).hasToString("12.3.2-staging");
		assertThat(version.isDebug()).isFalse();
	}

	@Test
	void parseShouldAcceptDebugInAnyCase() {
		assertThat(PiecesVersion.parse("debug").isDebug()).isTrue();
		assertThat(PiecesVersion.parse("DEBUG").isDebug()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "12", "12.3", "twelve", "12.3.x", "12.3.2 staging", "99999999999.0.0" })
	void parseShouldRejectTextThatIsNotAVersion(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> PiecesVersion.parse(text))
			.withMessageContaining("Not a Pieces OS version");
	}

	@Test
	void versionsShouldCompareNumericallyAndIgnoreTheQualifier() {
		assertThat(PiecesVersion.parse("12.10.0")).isGreaterThan(PiecesVersion.parse("12.9.9"));
		assertThat(PiecesVersion.parse("12.3.2-staging")).isEqualByComparingTo(PiecesVersion.parse("12.3.2"));
		assertThat(PiecesVersion.parse("debug")).isGreaterThan(PiecesVersion.parse("999.0.0"));
	}

	@Test
	void isWithinShouldTreatTheRangeAsHalfOpenAndAlwaysAcceptDebug() {
		assertThat(PiecesVersion.parse("12.0.0").isWithin(MIN, MAX)).isTrue();
		assertThat(PiecesVersion.parse("12.0.0-staging").isWithin(MIN, MAX)).isTrue();
		assertThat(PiecesVersion.parse("12.99.99").isWithin(MIN, MAX)).isTrue();
		assertThat(PiecesVersion.parse("13.0.0").isWithin(MIN, MAX)).isFalse();
		assertThat(PiecesVersion.parse("11.99.99").isWithin(MIN, MAX)).isFalse();
		assertThat(PiecesVersion.parse("10.1.15").isWithin(MIN, MAX)).isFalse();
		assertThat(PiecesVersion.parse("debug").isWithin(MIN, MAX)).isTrue();
	}

}
