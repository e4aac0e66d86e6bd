package app.pieces.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.model.Asset;
import app.pieces.model.RawJson;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static app.pieces.websocket.TestSupport.libraryReads;
import static app.pieces.websocket.TestSupport.recorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first sync of an identifier cache reads the whole collection in one streamed request ({@code GET /assets}),
 * and falls back to fetching item by item when that request is refused, breaks off or stalls, against the
 * simulator.
 */
class IdentifierBulkSyncTests {

	private static final int ASSETS = 30;

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder()
		.assets(ASSETS)
		.healthInterval(Duration.ZERO)
		.build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces);

	@RegisterExtension
	final ManagedSockets bulkOff = ManagedSockets.on(pieces, TestSupport.fastSettings().withBulkSync(false));

	private final List<ClientEvent.Synced> syncs = recorder();

	private final List<String> updated = recorder();

	private final List<String> removed = recorder();

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	@BeforeEach
	void awaitSimulator() {
		await().atMost(Duration.ofSeconds(10)).until(sim()::isRunning);
	}

	@AfterEach
	void restoreSimulator() {
		sim().setBulkRefused(false);
		sim().setBulkItemDelay(Duration.ZERO);
	}

	@Test
	void firstSyncShouldReadTheLibraryInOneRequestWithAnUpdateForEveryAsset() throws Exception {
		long perItem = perItemReads();
		long bulk = libraryReads(sim());
		AssetsIdentifiersWS assets = start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertInSync(assets);
		assertThat(libraryReads(sim()) - bulk).as("GET /assets").isEqualTo(1);
		assertThat(perItemReads() - perItem).as("GET /asset/{id}").isZero();
		await().until(() -> this.updated.size() == ASSETS && !this.syncs.isEmpty());
		assertThat(this.syncs).singleElement().satisfies((sync) -> {
			assertThat(sync.path()).isEqualTo(ClientEvent.SyncPath.BULK);
			assertThat(sync.size()).isEqualTo(ASSETS);
		});
		assertThat(assets.cache().get(sim().state().assets().get(0))).hasValueSatisfying(
				(asset) -> assertThat(asset.language()).isNotBlank());
	}

	@Test
	void assetsReadInBulkShouldKeepTheirRawJsonDeflatedAndUnchanged() throws Exception {
		AssetsIdentifiersWS assets = start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		List<RawJson> raws = assets.cache().snapshot().stream().map(Asset::rawJson).toList();
		assertThat(raws).hasSize(ASSETS).allSatisfy((raw) -> assertThat(raw.size()).isGreaterThan(
				RawJson.COMPRESSION_THRESHOLD));
		// deflated by the workers, after the read has moved on
		await().until(() -> raws.stream().allMatch((raw) -> raw.storedSize() < raw.size()));
		String id = sim().state().assets().get(0);
		RawJson cached = assets.cache().get(id).orElseThrow().rawJson();
		RawJson fetched = this.sockets.manager().client().asset(id, false).rawJson();
		assertThat(cached.toJsonNode()).isEqualTo(fetched.toJsonNode());
	}

	@Test
	void bulkSyncSwitchedOffShouldFetchEveryAssetByItselfWithoutTryingTheBulkRead() throws Exception {
		long perItem = perItemReads();
		long bulk = libraryReads(sim());
		AssetsIdentifiersWS assets = this.bulkOff.manager().assets(listener());
		this.bulkOff.manager().addEventListener(this::record);
		assets.start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertInSync(assets);
		assertThat(libraryReads(sim()) - bulk).as("GET /assets").isZero();
		assertThat(perItemReads() - perItem).as("GET /asset/{id}").isEqualTo(ASSETS);
		await().until(() -> this.updated.size() == ASSETS && !this.syncs.isEmpty());
		assertThat(this.syncs).singleElement()
			.satisfies((sync) -> assertThat(sync.path()).isEqualTo(ClientEvent.SyncPath.PER_ITEM));
	}

	@Test
	void refusedBulkReadShouldFallBackToFetchingEveryAssetByItself() throws Exception {
		sim().setBulkRefused(true);
		long perItem = perItemReads();
		AssetsIdentifiersWS assets = start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertInSync(assets);
		assertThat(perItemReads() - perItem).as("GET /asset/{id}").isEqualTo(ASSETS);
		await().until(() -> !this.syncs.isEmpty());
		assertThat(this.syncs).singleElement()
			.satisfies((sync) -> assertThat(sync.path()).isEqualTo(ClientEvent.SyncPath.FALLBACK));
	}

	@Test
	void bulkAnswerCutMidStreamShouldLeaveNoHalfItemAndConvergeItemByItem() throws Exception {
		sim().cutNextBulkAfter(10);
		long perItem = perItemReads();
		AssetsIdentifiersWS assets = start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertInSync(assets);
		assertThat(perItemReads() - perItem).as("GET /asset/{id} after the cut").isEqualTo(ASSETS - 10);
		await().until(() -> this.updated.size() == ASSETS && !this.syncs.isEmpty());
		assertThat(Set.copyOf(this.updated)).hasSize(ASSETS);
		assertThat(this.syncs).singleElement()
			.satisfies((sync) -> assertThat(sync.path()).isEqualTo(ClientEvent.SyncPath.FALLBACK));
	}

	@Test
	void changesAnnouncedDuringTheBulkReadShouldWinOverTheVersionsItDelivers() throws Exception {
		List<String> ids = sim().state().assets();
		String renamed = ids.get(ids.size() - 1);
		String deleted = ids.get(ids.size() - 2);
		// about 1.5 s for the whole answer: the changes below land while it is being read
		sim().setBulkItemDelay(Duration.ofMillis(50));
		AssetsIdentifiersWS assets = start();
		await().until(() -> !this.updated.isEmpty());
		assertThat(assets.cache().isSynced()).isFalse();
		sim().updateAsset(renamed, "Renamed during the bulk read");
		sim().deleteAsset(deleted);
		String created = sim().createAsset("Created during the bulk read", "echo hi", "sh");
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(20))).isTrue();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertInSync(assets));
		assertThat(assets.cache().get(renamed)).hasValueSatisfying(
				(asset) -> assertThat(asset.name()).isEqualTo("Renamed during the bulk read"));
		assertThat(assets.cache().get(deleted)).isEmpty();
		assertThat(assets.cache().get(created)).isPresent();
		// an asset the bulk read delivered before its deletion was announced got its removal too
		await().until(() -> !this.updated.contains(deleted) || this.removed.contains(deleted));
	}

	@Test
	void stalledBulkAnswerShouldBeGivenUpForItemByItemFetches() throws Exception {
		// one item every 10 s, while the cache gives a read up after 300 ms without an item
		sim().setBulkItemDelay(Duration.ofSeconds(10));
		AssetsIdentifiersWS assets = this.sockets.manager().assets(listener());
		((DefaultIdentifierCache<?>) assets.cache()).bulkStallTimeout(Duration.ofMillis(300));
		this.sockets.manager().addEventListener(this::record);
		assets.start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(20))).isTrue();
		assertInSync(assets);
		await().until(() -> !this.syncs.isEmpty());
		assertThat(this.syncs).singleElement()
			.satisfies((sync) -> assertThat(sync.path()).isEqualTo(ClientEvent.SyncPath.FALLBACK));
	}

	@Test
	void deltaNamingThousandsOfUnknownIdsShouldCostOneLibraryReadInsteadOfAFetchEach() throws Exception {
		AssetsIdentifiersWS assets = start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		await().until(() -> this.syncs.size() == 1);
		long perItem = perItemReads();
		long bulk = libraryReads(sim());
		StringBuilder flood = new StringBuilder("{\"iterable\":[");
		for (int i = 0; i < 5_000; i++) {
			flood.append((i > 0) ? "," : "").append("{\"asset\":{\"id\":\"injected-").append(i).append("\"}}");
		}
		sim().sendRawFrame("assets", flood.append("]}").toString());
		// a fresh full list, read in one request, rather than 5,000 fetches queued ahead of the next change
		await().until(() -> this.syncs.size() == 2);
		assertThat(libraryReads(sim()) - bulk).as("GET /assets").isEqualTo(1);
		assertThat(perItemReads() - perItem).as("GET /asset/{id}").isZero();
		assertInSync(assets);
		String later = sim().createAsset("After the flood", "class Later {}", "java");
		await().until(() -> assets.cache().get(later).isPresent());
		assertThat(assets.cache().ids()).noneMatch((id) -> id.startsWith("injected-"));
		// the other tests count the simulator's library
		sim().deleteAsset(later);
		await().until(() -> assets.cache().get(later).isEmpty());
	}

	private AssetsIdentifiersWS start() {
		AssetsIdentifiersWS assets = this.sockets.manager().assets(listener());
		this.sockets.manager().addEventListener(this::record);
		assets.start();
		return assets;
	}

	private AssetsListener listener() {
		return AssetsListener.of((asset) -> this.updated.add(asset.id()), (asset) -> this.removed.add(asset.id()),
				null, null, null);
	}

	private void record(ClientEvent event) {
		if (event instanceof ClientEvent.Synced synced) {
			this.syncs.add(synced);
		}
	}

	/** The cache holds exactly the simulator's assets, each under its current name. */
	private static void assertInSync(AssetsIdentifiersWS assets) {
		assertThat(assets.cache().isSynced()).isTrue();
		Map<String, Object> names = sim().state().assets().stream()
			.collect(Collectors.toMap((id) -> id, (id) -> sim().asset(id).orElseThrow().get("name")));
		Map<String, Object> cached = assets.cache().snapshot().stream()
			.collect(Collectors.toMap(Asset::id, (asset) -> (Object) asset.name()));
		assertThat(cached).isEqualTo(names);
	}

	private static long perItemReads() {
		return sim().restRequests("/asset/");
	}


}
