package app.pieces.websocket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.client.PiecesApiException;
import app.pieces.client.PiecesAssets;
import app.pieces.client.PiecesNotFoundException;
import app.pieces.model.Asset;
import app.pieces.model.SearchedAsset;
import app.pieces.model.SearchedMatchEnum;
import app.pieces.model.StreamedIdentifiers;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Writes through {@link PiecesAssets} against the simulator: each returns the asset as Pieces OS has it, the
 * assets cache shows it before the write returns, and callbacks see every change exactly once although the
 * assets stream announces it too.
 */
class AssetWritesTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder()
		.assets(3)
		.healthInterval(Duration.ZERO)
		.build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces);

	private final List<String> updates = new CopyOnWriteArrayList<>();

	private final List<String> removals = new CopyOnWriteArrayList<>();

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	@BeforeEach
	void awaitSimulator() {
		await().atMost(Duration.ofSeconds(10)).until(sim()::isRunning);
	}

	@Test
	void createdAssetShouldBeCachedBeforeTheWriteReturnsAndAnnouncedOnce() throws Exception {
		AssetsIdentifiersWS assets = start();
		Asset created = assets().create("def retry(times):\n    pass\n", "Retry helper", "py");
		assertThat(created.name()).isEqualTo("Retry helper");
		assertThat(created.language()).isEqualTo("py");
		assertThat(assets.cache().get(created.id())).contains(created);
		assertThat(assets().text(created.id())).isEqualTo("def retry(times):\n    pass\n");
		awaitStreamAnnounced(assets, created.id());
		assertThat(this.updates).containsOnlyOnce(created.id());
		assertThat(sim().assetJson(created.id())).isPresent();
	}

	@Test
	void renameTextChangeAndReclassifyShouldEachReachTheCacheOnce() throws Exception {
		AssetsIdentifiersWS assets = start();
		String id = assets.cache().snapshot().get(0).id();

		Asset renamed = assets().rename(id, "Renamed by the client");
		assertThat(assets.cache().get(id)).hasValueSatisfying((asset) -> assertThat(asset.name()).isEqualTo(
				"Renamed by the client"));
		Asset changed = assets().updateText(id, "val answer = 42");
		assertThat(changed.updatedAt()).isAfter(renamed.updatedAt());
		assertThat(assets().text(id)).isEqualTo("val answer = 42");
		Asset reclassified = assets().reclassify(id, "kt");
		assertThat(reclassified.language()).isEqualTo("kt");
		assertThat(assets.cache().get(id)).contains(reclassified);
		Asset favorite = assets().favorite(id, true);
		assertThat(favorite.favorited()).isTrue();
		assertThat(assets.cache().get(id)).contains(favorite);

		awaitStreamAnnounced(assets, id);
		assertThat(this.updates).filteredOn(id::equals).hasSize(4);
	}

	@Test
	void deletedAssetShouldLeaveTheCacheAtOnceAndBeRemovedOnce() throws Exception {
		AssetsIdentifiersWS assets = start();
		String id = assets.cache().snapshot().get(1).id();
		int size = assets.cache().size();
		assets().delete(id);
		assertThat(assets.cache().get(id)).isEmpty();
		assertThat(assets.cache().size()).isEqualTo(size - 1);
		await().until(() -> this.removals.contains(id));
		awaitStreamAnnounced(assets, id);
		// the stream's deletion and any later change still arrive; nothing is removed twice
		String later = sim().createAsset("After the deletion", "x = 1", "py");
		await().until(() -> assets.cache().get(later).isPresent());
		assertThat(this.removals).containsExactly(id);
		assertThatExceptionOfType(PiecesNotFoundException.class).isThrownBy(() -> assets().delete(id));
	}

	@Test
	void badInputShouldFailWithAClearMessageAndChangeNothing() throws Exception {
		AssetsIdentifiersWS assets = start();
		String id = assets.cache().snapshot().get(0).id();
		Asset before = assets.cache().get(id).orElseThrow();
		int size = assets.cache().size();
		assertThatIllegalArgumentException().isThrownBy(() -> assets().create("  ", "Blank", null))
			.withMessageContaining("'text' must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> assets().rename(id, ""))
			.withMessageContaining("'name'");
		assertThatExceptionOfType(PiecesNotFoundException.class).isThrownBy(() -> assets().rename("no-such-id", "x"));
		assertThatExceptionOfType(PiecesNotFoundException.class).isThrownBy(() -> assets().text("no-such-id"));
		String oversized = "x".repeat(4 * 1024 * 1024 + 1);
		assertThatExceptionOfType(PiecesApiException.class).isThrownBy(() -> assets().updateText(id, oversized))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(413));
		assertThatExceptionOfType(PiecesApiException.class).isThrownBy(() -> assets().create(oversized, null, null))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(413));
		assertThat(assets.cache().get(id)).contains(before);
		assertThat(assets.cache().size()).isEqualTo(size);
		assertThat(this.updates).isEmpty();
	}

	@Test
	void searchShouldFindSavedSnippetsBestFirstInEveryMode() throws Exception {
		start();
		Asset jitter = assets().create("long delay = backoff.next() + jitter.sample();", "Backoff with jitter", "java");
		Asset other = assets().create("int jitterless = 1;", "Plain counter", "java");
		List<SearchedAsset> fullText = assets().search("backoff jitter", PiecesAssets.SearchMode.FULL_TEXT);
		assertThat(fullText).extracting(SearchedAsset::identifier).startsWith(jitter.id()).contains(other.id());
		assertThat(fullText.get(0).score()).isGreaterThan(fullText.get(fullText.size() - 1).score());
		assertThat(fullText.get(0).match()).isEqualTo(SearchedMatchEnum.MULTIPLE);

		List<SearchedAsset> code = assets().search("jitter.sample", PiecesAssets.SearchMode.NEURAL_CODE);
		assertThat(code).extracting(SearchedAsset::identifier).startsWith(jitter.id());
		assertThat(code.get(0).exact()).isTrue();
		assertThat(code).extracting(SearchedAsset::match).containsOnly(SearchedMatchEnum.CONTENT);

		List<SearchedAsset> byName = assets().search("Plain counter", PiecesAssets.SearchMode.ASSETS);
		assertThat(byName).first().satisfies((hit) -> {
			assertThat(hit.identifier()).isEqualTo(other.id());
			assertThat(hit.asset()).isNotNull().extracting(Asset::name).isEqualTo("Plain counter");
		});

		assertThat(assets().search("nothing-matches-this", PiecesAssets.SearchMode.FULL_TEXT)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> assets().search(" ", PiecesAssets.SearchMode.ASSETS));
	}

	private PiecesAssets assets() {
		return this.sockets.client().assets();
	}

	/**
	 * Wait until the stream has announced the change; the cache decides on a frame before the listeners see it,
	 * so any second callback would have been triggered by then.
	 */
	private void awaitStreamAnnounced(AssetsIdentifiersWS assets, String id) {
		await().until(() -> this.announced.contains(id));
		await().until(() -> assets.cache().isSynced());
	}

	private final List<String> announced = new CopyOnWriteArrayList<>();

	private AssetsIdentifiersWS start() throws InterruptedException {
		AssetsIdentifiersWS assets = this.sockets.manager().assets(new AssetsListener() {

			@Override
			public void onMessage(StreamedIdentifiers message) {
				message.iterable()
					.stream()
					.filter((item) -> item.asset() != null)
					.forEach((item) -> AssetWritesTests.this.announced.add(item.asset().id()));
			}

			@Override
			public void onAssetUpdate(Asset asset) {
				AssetWritesTests.this.updates.add(asset.id());
			}

			@Override
			public void onAssetRemove(Asset asset) {
				AssetWritesTests.this.removals.add(asset.id());
			}

		});
		assets.start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		// the sync's own update callbacks are delivered after it completes: let them arrive, then forget them
		await().until(() -> this.updates.size() >= assets.cache().size());
		this.updates.clear();
		return assets;
	}

}
