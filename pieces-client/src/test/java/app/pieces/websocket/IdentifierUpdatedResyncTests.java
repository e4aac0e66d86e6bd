package app.pieces.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static app.pieces.websocket.TestSupport.copy;
import static app.pieces.websocket.TestSupport.libraryReads;
import static app.pieces.websocket.TestSupport.recorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The assets cache after Pieces OS restarts while assets change: when the full id list carries each asset's
 * {@code updated} (PROTOCOL.md §4.3, the simulator's {@code updatedInIdentifiers} switch), only the assets that
 * changed or appeared meanwhile are fetched again; when it carries ids only, every asset is. The simulator's
 * request counter tells how many {@code GET /asset/{id}} were made.
 */
class IdentifierUpdatedResyncTests {

	/** Enough that three changes are fetched one by one, not by reading the whole library. */
	private static final int ASSETS = 40;

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder()
		.assets(ASSETS)
		.healthInterval(Duration.ZERO)
		.build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces);

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	@BeforeEach
	void awaitSimulator() {
		await().atMost(Duration.ofSeconds(10)).until(sim()::isRunning);
	}

	@Test
	void assetsCacheWhenServerRestartsWithUpdatedInTheListShouldFetchOnlyChangedAndNewAssets() throws Exception {
		sim().setUpdatedInIdentifiers(true);
		try {
			Resync resync = restartWhileAssetsChange();
			assertThat(resync.fetches()).as("GET /asset/ after the restart").isEqualTo(3);
			assertThat(resync.bulkReads()).as("GET /assets after the restart").isZero();
			assertThat(resync.updated()).containsExactlyInAnyOrderElementsOf(resync.changedOrNew());
		}
		finally {
			sim().setUpdatedInIdentifiers(false);
		}
	}

	@Test
	void assetsCacheWhenServerRestartsWithIdsOnlyShouldReadTheLibraryInOneRequest() throws Exception {
		sim().setUpdatedInIdentifiers(false);
		Resync resync = restartWhileAssetsChange();
		assertThat(resync.fetches()).as("GET /asset/ after the restart").isZero();
		assertThat(resync.bulkReads()).as("GET /assets after the restart").isEqualTo(1);
		assertThat(resync.updated()).containsExactlyInAnyOrderElementsOf(resync.changedOrNew());
	}

	/**
	 * Hydrate the cache, restart the simulator and meanwhile rename two assets, delete one and create one
	 * (silently, as if nobody was listening), then wait until the cache is in sync again.
	 */
	private Resync restartWhileAssetsChange() throws Exception {
		List<String> updated = recorder();
		List<String> removed = recorder();
		List<String> closes = recorder();
		AssetsIdentifiersWS assets = this.sockets.manager()
			.assets(AssetsListener.of((asset) -> updated.add(asset.id()), (asset) -> removed.add(asset.id()), null,
					null, (status) -> closes.add("assets")));
		long beforeStart = sim().restRequests("/asset/");
		long bulkBeforeStart = libraryReads(sim());
		assets.start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		List<String> ids = sim().state().assets();
		assertThat(sim().restRequests("/asset/") - beforeStart).as("GET /asset/ to hydrate").isZero();
		assertThat(libraryReads(sim()) - bulkBeforeStart).as("GET /assets to hydrate").isEqualTo(1);
		await().until(() -> updated.size() == ids.size());
		updated.clear();

		String renamedA = ids.get(1);
		String renamedB = ids.get(4);
		String deleted = ids.get(2);
		// down for minutes (no window to race), brought back below by a restart that replaces this one
		sim().restart(Duration.ofMinutes(5));
		await().until(() -> !sim().isRunning());
		sim().updateAsset(renamedA, "Renamed while away (A)", true);
		sim().updateAsset(renamedB, "Renamed while away (B)", true);
		sim().deleteAsset(deleted, true);
		String created = sim().createAsset("Created while away", "echo hi", "sh", true);
		await().until(() -> closes.contains("assets"));
		long beforeResync = sim().restRequests("/asset/");
		long bulkBeforeResync = libraryReads(sim());
		assertThat(sim().isRunning()).as("still down after the silent changes").isFalse();
		sim().restart(Duration.ZERO);

		await().atMost(Duration.ofSeconds(20)).until(sim()::isRunning);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> assets.isConnected() && assets.cache().isSynced()
					&& assets.cache().ids().equals(Set.copyOf(sim().state().assets())));
		assertThat(assets.cache().get(renamedA)).hasValueSatisfying(
				(asset) -> assertThat(asset.name()).isEqualTo("Renamed while away (A)"));
		assertThat(assets.cache().get(renamedB)).hasValueSatisfying(
				(asset) -> assertThat(asset.name()).isEqualTo("Renamed while away (B)"));
		assertThat(assets.cache().ids()).doesNotContain(deleted).contains(created);
		await().until(() -> removed.contains(deleted) && updated.size() >= 3);
		return new Resync(sim().restRequests("/asset/") - beforeResync, libraryReads(sim()) - bulkBeforeResync,
				copy(updated), List.of(renamedA, renamedB, created));
	}


	/**
	 * What a resync did.
	 * @param fetches asset snapshots fetched after the restart
	 * @param bulkReads reads of the whole library after the restart
	 * @param updated ids of the update callbacks after the restart
	 * @param changedOrNew ids of the assets renamed or created during the restart
	 */
	private record Resync(long fetches, long bulkReads, List<String> updated, List<String> changedOrNew) {
	}

}
