package app.pieces.websocket;

import java.time.Duration;

import jakarta.websocket.DeploymentException;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link WebsocketSettings}, {@link ReconnectSettings} and the small helpers of
 * {@link BaseWebsocket}.
 */
class WebsocketSettingsTests {

	@Test
	void defaultsShouldHoldALargeIdentifierListAndReconnectForever() {
		WebsocketSettings settings = WebsocketSettings.defaults();
		assertThat(settings.maxTextMessageSize()).isEqualTo(16 * 1024 * 1024);
		assertThat(settings.hydrationConcurrency()).isEqualTo(8);
		assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.pingInterval()).isEqualTo(Duration.ofSeconds(15));
		assertThat(settings.pingEnabled()).isTrue();
		ReconnectSettings reconnect = settings.reconnect();
		assertThat(reconnect.enabled()).isTrue();
		assertThat(reconnect.initialInterval()).isEqualTo(Duration.ofMillis(500));
		assertThat(reconnect.multiplier()).isEqualTo(2.0);
		assertThat(reconnect.maxInterval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(reconnect.maxAttempts()).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void backOffWithoutJitterShouldGrowExponentiallyUpToTheMaximumThenStop() {
		ReconnectSettings reconnect = ReconnectSettings.defaults()
			.withIntervals(Duration.ofMillis(100), Duration.ofMillis(500))
			.withJitter(Duration.ZERO)
			.withMaxAttempts(5);
		BackOffExecution execution = reconnect.toBackOff().start();
		assertThat(execution.nextBackOff()).isEqualTo(100);
		assertThat(execution.nextBackOff()).isEqualTo(200);
		assertThat(execution.nextBackOff()).isEqualTo(400);
		assertThat(execution.nextBackOff()).isEqualTo(500);
		assertThat(execution.nextBackOff()).isEqualTo(500);
		assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
	}

	@Test
	void backOffWithJitterShouldStayWithinTheConfiguredBounds() {
		ReconnectSettings reconnect = ReconnectSettings.defaults()
			.withIntervals(Duration.ofMillis(1000), Duration.ofMillis(4000))
			.withJitter(Duration.ofMillis(200));
		BackOffExecution execution = reconnect.toBackOff().start();
		for (int i = 0; i < 20; i++) {
			assertThat(execution.nextBackOff()).isBetween(1000L, 4000L);
		}
	}

	@Test
	void pingIntervalOfZeroShouldDisablePingsAndKeepEverythingElse() {
		WebsocketSettings settings = WebsocketSettings.defaults().withPingInterval(Duration.ZERO);
		assertThat(settings.pingEnabled()).isFalse();
		assertThat(settings.withPingInterval(Duration.ofMillis(200)).pingEnabled()).isTrue();
		assertThat(settings.withConnectTimeout(Duration.ofSeconds(1)).pingInterval()).isZero();
		assertThat(settings.withMaxTextMessageSize(10).withHydrationConcurrency(2).pingInterval()).isZero();
	}

	@Test
	void invalidSettingsShouldBeRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebsocketSettings.defaults().withPingInterval(Duration.ofMillis(-1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebsocketSettings.defaults().withPingInterval(Duration.ofNanos(10)));
		assertThatIllegalArgumentException().isThrownBy(() -> WebsocketSettings.defaults().withMaxTextMessageSize(0));
		assertThatIllegalArgumentException().isThrownBy(() -> WebsocketSettings.defaults().withHydrationConcurrency(0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebsocketSettings.defaults().withConnectTimeout(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> ReconnectSettings.defaults().withMultiplier(0.5));
		assertThatIllegalArgumentException().isThrownBy(() -> ReconnectSettings.defaults().withMaxAttempts(0));
		assertThatIllegalArgumentException().isThrownBy(
				() -> ReconnectSettings.defaults().withIntervals(Duration.ofSeconds(2), Duration.ofSeconds(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReconnectSettings.defaults().withJitter(Duration.ofMillis(-1)));
	}

	@Test
	void utf8LengthShouldCountBytesOfMultiByteCharacters() {
		assertThat(FrameAssembler.utf8Length("ok")).isEqualTo(2);
		assertThat(FrameAssembler.utf8Length("\u00e9")).isEqualTo(2);
		assertThat(FrameAssembler.utf8Length("\u20ac")).isEqualTo(3);
		assertThat(FrameAssembler.utf8Length("\uD83D\uDE00")).isEqualTo(4);
	}

	@Test
	void refusedUpgradeShouldBeToldApartFromAnUnreachableServerWithoutReadingMessages() {
		Exception refused = new IllegalStateException("connect failed", new DeploymentException(
				"The HTTP response from the server [404] did not permit the HTTP upgrade to WebSocket"));
		Exception translated = new DeploymentException(
				"La r\u00e9ponse HTTP du serveur [404] n'a pas permis la mise \u00e0 niveau HTTP vers WebSocket");
		Exception unreachable = new DeploymentException("The HTTP request to initiate the WebSocket connection failed",
				new java.net.ConnectException("Connection refused"));
		Exception timedOut = new DeploymentException("timed out", new java.util.concurrent.TimeoutException());
		assertThat(Failures.answeredWithoutUpgrade(refused)).isTrue();
		assertThat(Failures.answeredWithoutUpgrade(translated)).isTrue();
		assertThat(Failures.answeredWithoutUpgrade(unreachable)).isFalse();
		assertThat(Failures.answeredWithoutUpgrade(timedOut)).isFalse();
		assertThat(Failures.answeredWithoutUpgrade(new java.net.ConnectException("Connection refused"))).isFalse();
	}

	@Test
	void streamsShouldHaveTheirProtocolPathsAndLowerCaseTags() {
		assertThat(PiecesStream.HEALTH.path()).isEqualTo("/.well-known/stream/health");
		assertThat(PiecesStream.USER.path()).isEqualTo("/user/stream");
		assertThat(PiecesStream.ASSETS.path()).isEqualTo("/assets/stream/identifiers");
		assertThat(PiecesStream.CONVERSATIONS.path()).isEqualTo("/conversations/stream/identifiers");
		assertThat(PiecesStream.QGPT.path()).isEqualTo("/qgpt/stream");
		assertThat(PiecesStream.LTM_VISION.path())
			.isEqualTo("/workstream_pattern_engine/processors/vision/status/stream");
		assertThat(PiecesStream.values()).extracting(PiecesStream::tag)
			.containsExactly("health", "user", "assets", "conversations", "qgpt", "ltm", "anchors", "ranges", "summaries");
		assertThat(PiecesStream.ANCHORS.path()).isEqualTo("/anchors/stream/identifiers");
		assertThat(PiecesStream.RANGES.path()).isEqualTo("/ranges/stream/identifiers");
		assertThat(PiecesStream.WORKSTREAM_SUMMARIES.path()).isEqualTo("/workstream_summaries/stream/identifiers");
		assertThat(FrameOutcome.BINARY_REJECTED.tag()).isEqualTo("binary_rejected");
	}

}
