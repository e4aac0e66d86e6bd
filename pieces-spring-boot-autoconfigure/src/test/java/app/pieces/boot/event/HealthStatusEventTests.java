package app.pieces.boot.event;

import app.pieces.websocket.HealthWS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HealthStatusEvent#isHealthy()}: the event and the health socket (hence
 * the Actuator health indicator) must agree on what "healthy" means.
 */
class HealthStatusEventTests {

	@ParameterizedTest
	@ValueSource(strings = { "OK", "ok", " OK", "OK\n", "\tOk \r\n", "OK - all good" })
	void isHealthyWhenStatusStartsWithOkAfterWhitespaceShouldBeTrueLikeTheSocket(String status) {
		assertThat(new HealthStatusEvent(this, status).isHealthy()).isTrue();
		assertThat(HealthWS.isHealthy(status)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "NOT OK", "degraded", "K", "\n" })
	void isHealthyWhenStatusDoesNotStartWithOkShouldBeFalseLikeTheSocket(String status) {
		assertThat(new HealthStatusEvent(this, status).isHealthy()).isFalse();
		assertThat(HealthWS.isHealthy(status)).isFalse();
	}

}
