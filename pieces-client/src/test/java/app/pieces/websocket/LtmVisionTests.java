package app.pieces.websocket;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.client.PiecesLtm;
import app.pieces.model.WorkstreamPatternEngineStatus;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The long-term memory vision stream and {@link PiecesLtm} against the simulator: the status on connect, and a
 * new status on the stream whenever LTM is paused or turned on again; a frame that is only a signal makes the
 * socket read the status over REST.
 */
class LtmVisionTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder()
		.healthInterval(Duration.ZERO)
		.build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces);

	private final List<WorkstreamPatternEngineStatus> statuses = new CopyOnWriteArrayList<>();

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	@BeforeEach
	void awaitSimulator() {
		await().atMost(Duration.ofSeconds(10)).until(sim()::isRunning);
	}

	@Test
	void pauseAndActivateShouldEachArriveOnTheStream() {
		LTMVisionWS ltm = start();
		assertThat(ltm.isLtmEnabled()).isTrue();
		PiecesLtm api = this.sockets.client().ltm();

		Instant until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		WorkstreamPatternEngineStatus paused = api.pause(until);
		assertThat(paused.isVisionEnabled()).isFalse();
		assertThat(paused.vision().deactivation().to().value()).isEqualTo(until);
		await().until(() -> !ltm.isLtmEnabled());
		assertThat(api.status().isVisionEnabled()).isFalse();

		assertThat(api.activate().isVisionEnabled()).isTrue();
		await().until(ltm::isLtmEnabled);
		assertThat(this.statuses).extracting(WorkstreamPatternEngineStatus::isVisionEnabled)
			.containsSubsequence(true, false, true);
	}

	@Test
	void frameWithoutAStatusShouldMakeTheSocketReadIt() {
		LTMVisionWS ltm = start();
		int before = this.statuses.size();
		this.sockets.client().ltm().pause(null);
		await().until(() -> !ltm.isLtmEnabled());
		// the official wrapper treats a frame as a signal only: an empty one still brings the current status
		this.sockets.client().ltm().activate();
		sim().sendRawFrame("vision", "");
		await().until(() -> this.statuses.size() >= before + 3 && ltm.isLtmEnabled());
		assertThat(this.statuses.get(this.statuses.size() - 1).isVisionEnabled()).isTrue();
	}

	private LTMVisionWS start() {
		LTMVisionWS ltm = this.sockets.manager().ltmVision(new WebsocketListener<>() {

			@Override
			public void onMessage(WorkstreamPatternEngineStatus status) {
				LtmVisionTests.this.statuses.add(status);
			}

		});
		ltm.start();
		await().until(() -> ltm.currentStatus().isPresent());
		return ltm;
	}

}
