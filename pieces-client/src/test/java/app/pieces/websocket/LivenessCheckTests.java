package app.pieces.websocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LivenessCheck}.
 */
class LivenessCheckTests {

	private final LivenessCheck check = new LivenessCheck();

	@Test
	void firstTickShouldCountAsAliveWhateverWasReceived() {
		assertThat(this.check.tick(0)).isTrue();
	}

	@Test
	void oneSilentIntervalShouldNotDeclareTheConnectionDead() {
		this.check.tick(3);
		assertThat(this.check.tick(3)).isTrue();
	}

	@Test
	void twoSilentIntervalsInARowShouldDeclareTheConnectionDead() {
		this.check.tick(3);
		this.check.tick(3);
		assertThat(this.check.tick(3)).isFalse();
	}

	@Test
	void anAnswerAfterOneSilentIntervalShouldStartCountingAfresh() {
		this.check.tick(3);
		this.check.tick(3);
		assertThat(this.check.tick(4)).isTrue();
		assertThat(this.check.tick(4)).isTrue();
		assertThat(this.check.tick(4)).isFalse();
	}

}
