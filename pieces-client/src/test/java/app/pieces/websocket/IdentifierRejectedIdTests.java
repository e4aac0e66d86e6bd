package app.pieces.websocket;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.client.PiecesApiException;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static app.pieces.websocket.TestSupport.recorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An id that Pieces OS refuses for good (a 400 on its fetch, e.g. {@code ../models} or a huge id) is reported
 * once, with the id shortened, and does not keep the cache out of sync: retrying cannot help.
 */
class IdentifierRejectedIdTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder()
		.assets(3)
		.healthInterval(Duration.ZERO)
		.build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces);

	private final List<Throwable> errors = recorder();

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	@BeforeEach
	void awaitSimulator() {
		await().atMost(Duration.ofSeconds(10)).until(sim()::isRunning);
	}

	@Test
	void idWithAPathInItShouldBeReportedOnceAndLeaveTheCacheInSync() throws Exception {
		AssetsIdentifiersWS assets = start();
		sim().sendRawFrame("assets", "{\"iterable\":[{\"asset\":{\"id\":\"../models\"}}]}");
		await().until(() -> this.errors.size() == 1);
		await().until(() -> assets.cache().isSynced());
		assertThat(assets.cache().get("../models")).isEmpty();
		assertThat(assets.cache().size()).isEqualTo(3);
		// a later change is still applied, and the refused id was not retried into a second report
		String created = sim().createAsset("After the refused id", "x = 1", "py");
		await().until(() -> assets.cache().get(created).isPresent());
		assertThat(this.errors).hasSize(1);
	}

	@Test
	void hugeIdShouldBeReportedShortened() throws Exception {
		AssetsIdentifiersWS assets = start();
		String huge = "a".repeat(100_000);
		sim().sendRawFrame("assets", "{\"iterable\":[{\"asset\":{\"id\":\"" + huge + "\"}}]}");
		await().until(() -> this.errors.size() == 1);
		await().until(() -> assets.cache().isSynced());
		assertThat(this.errors.get(0).getMessage()).hasSizeLessThan(400).contains("100000 characters");
		assertThat(this.errors.get(0).getCause()).isInstanceOfSatisfying(PiecesApiException.class, (ex) -> {
			assertThat(ex.getStatusCode()).isEqualTo(400);
			assertThat(ex.getMessage()).hasSizeLessThan(400);
		});
	}

	private AssetsIdentifiersWS start() throws InterruptedException {
		AssetsIdentifiersWS assets = this.sockets.manager().assets(new AssetsListener() {

			@Override
			public void onError(Throwable error) {
				if (error instanceof IllegalStateException) {
					IdentifierRejectedIdTests.this.errors.add(error);
				}
			}

		});
		assets.start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		return assets;
	}

}
