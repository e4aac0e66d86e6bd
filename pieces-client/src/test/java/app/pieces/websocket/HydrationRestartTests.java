package app.pieces.websocket;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static app.pieces.websocket.TestSupport.copy;
import static app.pieces.websocket.TestSupport.recorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Pieces OS restart while the asset cache is still hydrating: fetching pauses with the
 * connection instead of failing id by id, and the cache resyncs after the reconnect.
 */
class HydrationRestartTests {

	private static final int ASSETS = 2000;

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder()
		.assets(ASSETS)
		.conversations(0)
		.restLatency(Duration.ofMillis(5))
		.build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces);

	@Test
	void restartDuringHydrationShouldPauseFetchingAndResyncWithoutAnErrorPerItem() {
		try (LogCapture logs = new LogCapture()) {
			List<Throwable> errors = recorder();
			AssetsIdentifiersWS assets = this.sockets.manager()
				.assets(AssetsListener.of(null, null, null, errors::add, null));
			assets.start();
			await().until(() -> assets.cache().size() >= 50);
			assertThat(assets.cache().isSynced()).isFalse();
			// longer than the fetch retries of one item last
			simulator().restart(Duration.ofSeconds(6));
			await().until(() -> !simulator().isRunning());
			await().atMost(Duration.ofSeconds(60)).until(() -> simulator().isRunning() && assets.cache().isSynced());
			assertThat(assets.cache().ids()).containsExactlyInAnyOrderElementsOf(simulator().state().assets());
			assertThat(copy(errors)).filteredOn((error) -> String.valueOf(error.getMessage()).startsWith("Could not fetch"))
				.hasSizeLessThanOrEqualTo(3);
			// lost, not reachable, reachable again, and at most a few more
			assertThat(logs.infoAndAbove()).hasSizeLessThanOrEqualTo(6);
		}
	}

	private static PiecesOsSimulator simulator() {
		return pieces.simulator();
	}

}
