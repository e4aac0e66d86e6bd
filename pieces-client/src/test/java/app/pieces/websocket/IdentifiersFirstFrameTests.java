package app.pieces.websocket;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static app.pieces.websocket.TestSupport.copy;
import static app.pieces.websocket.TestSupport.recorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bad first frame after a connect (the authoritative full id list) must never empty or
 * shrink the cache: an unreadable list is not authoritative.
 */
class IdentifiersFirstFrameTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(5).conversations(1).build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces);

	private final List<FrameOutcome> outcomes = recorder();

	private final List<String> removed = recorder();

	private final List<Throwable> errors = recorder();

	private final List<String> opened = recorder();

	@BeforeEach
	void recordFrameOutcomes() {
		this.sockets.manager().addEventListener(new ClientEventListener() {

			@Override
			public void onEvent(ClientEvent event) {
				if (event instanceof ClientEvent.FrameHandled frame) {
					FrameOutcome outcome = frame.outcome();
					IdentifiersFirstFrameTests.this.outcomes.add(outcome);
				}
			}

		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "null", "{}", "{\"foo\": 1}", "{\"iterable\": null}", "[]",
			"{\"iterable\": {\"asset\": {\"id\": \"x\"}}}" })
	void firstFrameWithoutIterableShouldBeMalformedAndResyncWithoutTouchingTheCache(String frame) throws Exception {
		AssetsIdentifiersWS assets = startSynced();
		this.outcomes.clear();
		simulator().replaceNextFirstFrame("assets", frame);
		assets.reconnect();
		await().until(() -> !this.errors.isEmpty());
		assertThat(copy(this.errors)).first().isInstanceOfSatisfying(WebsocketFrameException.class,
				(error) -> assertThat(error.outcome()).isEqualTo(FrameOutcome.MALFORMED));
		// a delta right after the bad list must not be taken for the full list
		String id = simulator().createAsset("After a bad list", "echo ok", "sh");
		await().until(() -> assets.cache().get(id).isPresent() && assets.cache().isSynced());
		assertThat(assets.cache().ids()).containsExactlyInAnyOrderElementsOf(simulator().state().assets());
		assertThat(copy(this.removed)).isEmpty();
		assertThat(copy(this.outcomes)).first().isEqualTo(FrameOutcome.MALFORMED);
		// the bad list was followed by a reconnect for a fresh one
		assertThat(copy(this.opened)).hasSizeGreaterThanOrEqualTo(3);
	}

	@Test
	void fullListWhoseItemsAllLackTheirReferenceShouldNotEmptyTheCache() throws Exception {
		AssetsIdentifiersWS assets = startSynced();
		List<String> before = simulator().state().assets();
		simulator().replaceNextFirstFrame("assets", "{\"iterable\": [{\"conversation\": {\"id\": \"x\"}}, {}]}");
		assets.reconnect();
		await().until(() -> !this.errors.isEmpty());
		assertThat(copy(this.errors)).first().isInstanceOfSatisfying(WebsocketFrameException.class,
				(error) -> assertThat(error.outcome()).isEqualTo(FrameOutcome.MALFORMED));
		String id = simulator().createAsset("Delta after a bad list", "x", "py");
		await().until(() -> assets.cache().get(id).isPresent());
		assertThat(assets.cache().ids()).containsAll(before).contains(id);
		assertThat(copy(this.removed)).isEmpty();
		assertThat(assets.cache().isSynced()).isFalse();
		assets.reconnect();
		await().until(() -> assets.cache().isSynced());
		assertThat(assets.cache().ids()).containsExactlyInAnyOrderElementsOf(simulator().state().assets());
	}

	@Test
	void fullListWithOneItemLackingItsReferenceShouldRemoveNothing() throws Exception {
		AssetsIdentifiersWS assets = startSynced();
		List<String> before = simulator().state().assets();
		String items = before.stream()
			.skip(1)
			.map((id) -> "{\"asset\": {\"id\": \"" + id + "\"}}")
			.collect(Collectors.joining(", "));
		simulator().replaceNextFirstFrame("assets", "{\"iterable\": [{\"deleted\": false}, " + items + "]}");
		assets.reconnect();
		await().until(() -> !this.errors.isEmpty());
		String id = simulator().createAsset("Delta after a partly bad list", "x", "py");
		await().until(() -> assets.cache().get(id).isPresent());
		assertThat(assets.cache().ids()).containsAll(before);
		assertThat(copy(this.removed)).isEmpty();
		assertThat(assets.cache().isSynced()).isFalse();
	}

	private AssetsIdentifiersWS startSynced() throws InterruptedException {
		AssetsIdentifiersWS assets = this.sockets.manager()
			.assets(AssetsListener.of(null, (asset) -> this.removed.add(asset.id()), () -> this.opened.add("open"),
					this.errors::add, null));
		assets.start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertThat(assets.cache().ids()).containsExactlyInAnyOrderElementsOf(simulator().state().assets());
		return assets;
	}

	private static PiecesOsSimulator simulator() {
		return pieces.simulator();
	}

}
