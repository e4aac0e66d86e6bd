package app.pieces.websocket;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.model.QGPTRelevanceInput;
import app.pieces.model.QGPTStreamInput;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the request ids an {@link AskStreamWS} keeps for the copilots sharing it ({@link RequestIds}).
 */
class AskStreamRequestIdsTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces);

	@Test
	void requestIdShouldBeClaimedOnlyOnce() {
		RequestIds ids = new RequestIds();
		assertThat(ids.claim("r1")).isTrue();
		assertThat(ids.claim("r1")).isFalse();
		assertThat(ids.claim("r2")).isTrue();
	}

	@Test
	void sentRequestIdShouldNotBeClaimable() {
		RequestIds ids = new RequestIds();
		ids.sent("r1");
		assertThat(ids.claim("r1")).isFalse();
	}

	@Test
	void leastRecentlyUsedRequestIdShouldBeForgottenBeyondTheCapacity() {
		RequestIds ids = new RequestIds(3);
		ids.sent("refreshed");
		ids.claim("untouched");
		ids.claim("newer");
		assertThat(ids.claim("refreshed")).isFalse();
		ids.sent("newest");
		assertThat(ids.size()).isEqualTo(3);
		assertThat(ids.claim("refreshed")).isFalse();
		assertThat(ids.claim("newer")).isFalse();
		assertThat(ids.claim("untouched")).isTrue();
	}

	@Test
	void socketShouldRememberFourThousandNinetySixRequestIds() {
		AskStreamWS ask = this.sockets.manager().ask(null);
		for (int i = 0; i <= RequestIds.CAPACITY; i++) {
			assertThat(ask.claimRequestId("id-" + i)).isTrue();
		}
		assertThat(ask.claimRequestId("id-" + RequestIds.CAPACITY)).isFalse();
		assertThat(ask.claimRequestId("id-1")).isFalse();
		assertThat(ask.claimRequestId("id-0")).isTrue();
	}

	@Test
	void requestIdSentThroughTheSocketShouldNotBeClaimableOnItButOnAnotherSocket() throws Exception {
		AskStreamWS ask = this.sockets.manager().ask(null);
		AskStreamWS other = this.sockets.manager().ask(null);
		ask.start();
		await().until(ask::isConnected);
		String request = UUID.randomUUID().toString();
		ask.sendMessage(QGPTStreamInput.ofRelevance(request, null, QGPTRelevanceInput.question("Whose id?", null, null)))
			.get(5, TimeUnit.SECONDS);
		assertThat(ask.claimRequestId(request)).isFalse();
		assertThat(other.claimRequestId(request)).isTrue();
		assertThat(other.claimRequestId(request)).isFalse();
	}

	@Test
	void emptyRequestIdShouldBeRejected() {
		AskStreamWS ask = this.sockets.manager().ask(null);
		assertThatIllegalArgumentException().isThrownBy(() -> ask.claimRequestId(""));
	}

}
