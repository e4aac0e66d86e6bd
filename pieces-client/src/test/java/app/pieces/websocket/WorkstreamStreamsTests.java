package app.pieces.websocket;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.model.Anchor;
import app.pieces.model.Range;
import app.pieces.model.WorkstreamSummary;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static app.pieces.websocket.TestSupport.recorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The anchors, ranges and workstream summaries streams against the simulator: each is the generic identifier
 * socket configured by its descriptor, hydrates its cache from the seeded data, and follows creations, silent and
 * announced renames and deletions with typed {@link IdentifiersListener} callbacks and {@link ClientEvent}s.
 */
class WorkstreamStreamsTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder()
		.healthInterval(Duration.ZERO)
		.build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces);

	private final List<String> updated = recorder();

	private final List<String> removed = recorder();

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	@BeforeEach
	void awaitSimulator() {
		await().atMost(Duration.ofSeconds(10)).until(sim()::isRunning);
	}

	@Test
	void anchorsShouldHydrateAndFollowCreateRenameAndDelete() throws Exception {
		IdentifiersWebsocket<Anchor> anchors = start(IdentifierStream.ANCHORS, Anchor::name);
		assertThat(anchors.stream()).isEqualTo(PiecesStream.ANCHORS);
		assertThat(anchors.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertThat(anchors.cache().ids()).containsExactlyInAnyOrderElementsOf(sim().workstreamIds("anchors"));
		assertThat(anchors.cache().snapshot()).allSatisfy((anchor) -> {
			assertThat(anchor.type()).isNotNull();
			assertThat(anchor.created()).isNotNull();
		});

		String id = sim().createAnchor("/home/dev/projects/new-service");
		await().until(() -> anchors.cache().get(id).isPresent());
		assertThat(anchors.cache().get(id).orElseThrow().name()).isEqualTo("/home/dev/projects/new-service");

		sim().renameAnchor(id, "renamed-service", false);
		await().until(() -> "renamed-service".equals(anchors.cache().get(id).map(Anchor::name).orElse(null)));
		assertThat(this.updated).contains("/home/dev/projects/new-service", "renamed-service");

		sim().deleteAnchor(id);
		await().until(() -> anchors.cache().get(id).isEmpty());
		await().until(() -> this.removed.contains("renamed-service"));
		assertThat(anchors.cache().isSynced()).isTrue();
	}

	@Test
	void rangesShouldHydrateAndFollowCreateAndDelete() throws Exception {
		IdentifiersWebsocket<Range> ranges = start(IdentifierStream.RANGES, Range::id);
		assertThat(ranges.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertThat(ranges.cache().ids()).containsExactlyInAnyOrderElementsOf(sim().workstreamIds("ranges"));
		assertThat(ranges.cache().snapshot()).allSatisfy((range) -> assertThat(range.from()).isNotNull());

		String id = sim().createRange();
		await().until(() -> ranges.cache().get(id).isPresent());
		sim().deleteRange(id);
		await().until(() -> this.removed.contains(id));
		assertThat(ranges.cache().ids()).containsExactlyInAnyOrderElementsOf(sim().workstreamIds("ranges"));
	}

	@Test
	void summariesShouldCatchUpWithASilentRenameAfterAReconnect() throws Exception {
		IdentifiersWebsocket<WorkstreamSummary> summaries = start(IdentifierStream.WORKSTREAM_SUMMARIES,
				WorkstreamSummary::name);
		assertThat(summaries.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		String id = sim().workstreamIds("workstream_summaries").get(0);

		// a change Pieces OS does not announce is found by the full list after the next connect
		sim().renameWorkstreamSummary(id, "Standup notes, edited", true);
		summaries.reconnect();
		await().until(() -> "Standup notes, edited"
			.equals(summaries.cache().get(id).map(WorkstreamSummary::name).orElse(null)));

		String created = sim().createWorkstreamSummary("Release checklist");
		await().until(() -> summaries.cache().get(created).isPresent());
		sim().deleteWorkstreamSummary(created);
		await().until(() -> this.removed.contains("Release checklist"));
	}

	@Test
	void readsShouldNameTheMissingItem() {
		assertThatExceptionOfType(app.pieces.client.PiecesNotFoundException.class)
			.isThrownBy(() -> this.sockets.client().workstream().anchor("no-such-anchor"));
		assertThat(this.sockets.client().workstream().range(sim().workstreamIds("ranges").get(0)).id())
			.isEqualTo(sim().workstreamIds("ranges").get(0));
	}

	@Test
	void assetsDescriptorShouldStillBuildTheAssetsSocket() {
		assertThat(this.sockets.manager().identifiers(IdentifierStream.ASSETS, null))
			.isInstanceOf(AssetsIdentifiersWS.class);
		assertThat(this.sockets.manager().identifiers(IdentifierStream.CONVERSATIONS, null))
			.isInstanceOf(ConversationWS.class);
	}

	private <T> IdentifiersWebsocket<T> start(IdentifierStream<T> stream, java.util.function.Function<T, String> name) {
		IdentifiersWebsocket<T> socket = this.sockets.manager()
			.identifiers(stream, IdentifiersListener.<T>of((item) -> this.updated.add(name.apply(item)),
					(item) -> this.removed.add(name.apply(item)), null, null, null));
		socket.start();
		return socket;
	}

}
