package app.pieces.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.model.Asset;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A 50,000-asset identifier list arrives in one frame and hydrates completely.
 */
class LargeAssetCacheTests {

	private static final int ASSETS = 50_000;

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(ASSETS).build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces);

	@Test
	void assetsCacheWithFiftyThousandAssetsShouldHydrateCompletely() throws Exception {
		AtomicInteger hydratedSize = new AtomicInteger(-1);
		this.sockets.manager().addEventListener(new ClientEventListener() {

			@Override
			public void onEvent(ClientEvent event) {
				if (event instanceof ClientEvent.Synced synced) {
					int size = synced.size();
					hydratedSize.set(size);
				}
			}

		});
		AssetsIdentifiersWS assets = this.sockets.manager().assets(new AssetsListener() {
		});
		assets.start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofMinutes(2))).isTrue();
		List<String> expected = pieces.simulator().state().assets();
		assertThat(expected).hasSize(ASSETS);
		assertThat(assets.cache().size()).isEqualTo(ASSETS);
		assertThat(assets.cache().ids()).isEqualTo(Set.copyOf(expected));
		List<Asset> snapshot = assets.cache().snapshot();
		assertThat(snapshot).hasSize(ASSETS);
		// the whole library in one streamed request, not one request per asset
		assertThat(TestSupport.libraryReads(pieces.simulator())).isEqualTo(1);
		assertThat(pieces.simulator().restRequests("/asset/")).isZero();
		await().until(() -> hydratedSize.get() == ASSETS);
	}

	@Test
	void closeAllDuringHydrationShouldStopFetchingAndLeaveNoThreadBehind() {
		AssetsIdentifiersWS assets = this.sockets.manager().assets(new AssetsListener() {
		});
		assets.start();
		await().until(() -> assets.cache().size() > 200);
		this.sockets.manager().closeAll();
		await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces()
			.keySet()
			.stream()
			.noneMatch((thread) -> thread.isAlive() && (thread.getName().startsWith("pieces-worker-")
					|| thread.getName().startsWith("pieces-timer-"))));
		assertThat(assets.cache().size()).isLessThan(ASSETS);
		assertThat(assets.cache().isSynced()).isFalse();
	}

}
