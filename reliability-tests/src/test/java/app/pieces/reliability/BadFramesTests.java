package app.pieces.reliability;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import app.pieces.copilot.PiecesCopilot;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.AssetsIdentifiersWS;
import app.pieces.websocket.AuthWS;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.ConversationWS;
import app.pieces.websocket.FrameOutcome;
import app.pieces.websocket.HealthWS;
import app.pieces.websocket.PiecesStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A catalogue of bad frames on every stream (truncated JSON, wrong types, missing reference,
 * unknown enum, empty, huge) and a flood of 10,000 frames: every frame is counted with the
 * expected outcome, and each stream keeps working afterwards.
 * <p>
 * Binary frames are not in this catalogue: the simulator can only send text frames
 * ({@code sendRawFrame} takes a {@code String}); {@link BinaryFramesTests} sends them on every
 * stream from a minimal Tomcat websocket server instead.
 */
class BadFramesTests {

	private static final int LIMIT = 64 * 1024;

	private static final int FLOOD = 10_000;

	private static final String HUGE = "{\"x\":\"" + "y".repeat(LIMIT * 3) + "\"}";

	private static PiecesOsSimulator simulator;

	private static ConfigurableApplicationContext context;

	private static FrameCounter counter;

	@BeforeAll
	static void start() {
		simulator = PiecesOsSimulator.builder()
			.assets(10)
			.conversations(3)
			.healthInterval(Duration.ZERO)
			.chunkDelay(Duration.ZERO)
			.build()
			.start();
		context = ReliabilityApplication.run(Map.of("base-url", simulator.baseUrl(), "streams.max-text-message-size",
				LIMIT + "B"));
		counter = context.getBean(FrameCounter.class);
		for (BaseWebsocket<?> socket : context.getBean(app.pieces.boot.autoconfigure.PiecesWebsocketLifecycle.class)
			.getWebsockets()) {
			await().atMost(Duration.ofSeconds(20)).until(socket::isConnected);
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> context.getBean(AssetsIdentifiersWS.class).cache().isSynced()
					&& context.getBean(ConversationWS.class).cache().isSynced());
	}

	@AfterAll
	static void stop() {
		context.close();
		simulator.close();
	}

	@Test
	void healthStreamWhenFedBadFramesShouldCountThemAndKeepReportingStatus() {
		HealthWS health = context.getBean(HealthWS.class);
		// any text is a status on this stream: only the size limit makes a frame bad
		expect(PiecesStream.HEALTH, "{\"status\": \"O", FrameOutcome.PROCESSED);
		expect(PiecesStream.HEALTH, "42", FrameOutcome.PROCESSED);
		expect(PiecesStream.HEALTH, "MAYBE", FrameOutcome.PROCESSED);
		expect(PiecesStream.HEALTH, "", FrameOutcome.PROCESSED);
		assertThat(health.isHealthy()).isFalse();
		expect(PiecesStream.HEALTH, HUGE, FrameOutcome.OVERSIZED);
		simulator.setHealthy(false);
		await().until(() -> health.lastStatus().filter("UNHEALTHY"::equals).isPresent());
		simulator.setHealthy(true);
		await().until(health::isHealthy);
		flood(PiecesStream.HEALTH, "OK");
		assertThat(health.isHealthy()).isTrue();
	}

	@Test
	void userStreamWhenFedBadFramesShouldCountThemAndKeepFollowingLogins() throws Exception {
		AuthWS user = context.getBean(AuthWS.class);
		String profile = new JsonMapper().writeValueAsString(simulator.state().user());
		expect(PiecesStream.USER, "{\"id\": [1, 2], \"aesthetics\": 7}", FrameOutcome.MALFORMED);
		expect(PiecesStream.USER, "[1, 2]", FrameOutcome.MALFORMED);
		expect(PiecesStream.USER, "{}", FrameOutcome.MALFORMED);
		expect(PiecesStream.USER, HUGE, FrameOutcome.OVERSIZED);
		assertThat(user.currentUser()).as("bad frames keep the last user").isPresent();
		// a frame that is not JSON (also truncated JSON) is malformed too: the user is kept and confirmed with
		// GET /user; only an empty or null frame means "signed out"
		expect(PiecesStream.USER, "{\"id\": \"abc", FrameOutcome.MALFORMED);
		assertThat(user.currentUser()).isPresent();
		expect(PiecesStream.USER, "null", FrameOutcome.PROCESSED);
		assertThat(user.currentUser()).isEmpty();
		// wait for the counter, not only for the user: the socket shows the user before it counts the frame
		int beforeLogin = counter.total(PiecesStream.USER);
		simulator.login();
		await().until(() -> counter.total(PiecesStream.USER) > beforeLogin && user.currentUser().isPresent());
		expect(PiecesStream.USER, "", FrameOutcome.PROCESSED);
		assertThat(user.currentUser()).isEmpty();
		int beforeRelogin = counter.total(PiecesStream.USER);
		simulator.logout();
		simulator.login();
		await().until(() -> counter.total(PiecesStream.USER) >= beforeRelogin + 2 && user.currentUser().isPresent());
		flood(PiecesStream.USER, profile);
		assertThat(user.currentUser()).isPresent();
	}

	@Test
	void assetsStreamWhenFedBadFramesShouldCountThemAndKeepTheCacheInSync() {
		AssetsIdentifiersWS assets = context.getBean(AssetsIdentifiersWS.class);
		identifierCatalogue(PiecesStream.ASSETS, "asset", "conversation");
		String created = simulator.createAsset("After the bad frames", "SELECT 1;", "sql");
		await().until(() -> assets.cache().get(created).isPresent());
		String existing = simulator.state().assets().get(1);
		long fetchesBefore = simulator.restRequests("/asset/");
		flood(PiecesStream.ASSETS, "{\"iterable\":[{\"asset\":{\"id\":\"" + existing + "\"}}]}");
		String last = simulator.createAsset("After the flood", "echo done", "sh");
		await().until(() -> assets.cache().get(last).isPresent());
		await().until(() -> assets.cache().isSynced());
		assertThat(assets.cache().ids()).containsExactlyInAnyOrderElementsOf(simulator.state().assets());
		System.out.printf("assets flood: %d frames for one id caused %d REST fetches%n", FLOOD,
				simulator.restRequests("/asset/") - fetchesBefore);
	}

	@Test
	void conversationsStreamWhenFedBadFramesShouldCountThemAndKeepTheCacheInSync() {
		ConversationWS conversations = context.getBean(ConversationWS.class);
		identifierCatalogue(PiecesStream.CONVERSATIONS, "conversation", "asset");
		String created = simulator.createConversation("After the bad frames");
		await().until(() -> conversations.cache().get(created).isPresent());
		String existing = simulator.state().conversations().get(0);
		flood(PiecesStream.CONVERSATIONS, "{\"iterable\":[{\"conversation\":{\"id\":\"" + existing + "\"}}]}");
		String last = simulator.createConversation("After the flood");
		await().until(() -> conversations.cache().get(last).isPresent());
		await().until(() -> conversations.cache().isSynced());
		assertThat(conversations.cache().ids())
			.containsExactlyInAnyOrderElementsOf(simulator.state().conversations());
	}

	@Test
	void qgptStreamWhenFedBadFramesShouldCountThemAndKeepAnswering() {
		PiecesCopilot copilot = context.getBean(PiecesCopilot.class);
		String conversation = simulator.state().conversations().get(0);
		expect(PiecesStream.QGPT, "{\"request\": \"r1\", \"status\": \"IN-PRO", FrameOutcome.MALFORMED);
		expect(PiecesStream.QGPT, "{\"request\": [1], \"status\": {\"a\": 1}, \"conversation\": 5}",
				FrameOutcome.MALFORMED);
		expect(PiecesStream.QGPT, "[\"not\", \"an\", \"object\"]", FrameOutcome.MALFORMED);
		expect(PiecesStream.QGPT, "{\"request\": \"" + UUID.randomUUID() + "\", \"conversation\": \"" + conversation
				+ "\", \"status\": \"EXPLODED\"}", FrameOutcome.MALFORMED);
		expect(PiecesStream.QGPT, "", FrameOutcome.MALFORMED);
		expect(PiecesStream.QGPT, HUGE, FrameOutcome.OVERSIZED);
		String question = "Does the copilot survive bad frames?";
		assertThat(copilot.askAndWait(question, Duration.ofSeconds(30)))
			.isEqualTo(simulator.copilot().answerFor(question));
		flood(PiecesStream.QGPT, "{\"request\": \"flood-" + UUID.randomUUID() + "\", \"conversation\": \""
				+ conversation + "\", \"status\": \"IN-PROGRESS\"}");
		String after = "And after a flood of frames?";
		assertThat(copilot.askAndWait(after, Duration.ofSeconds(30))).isEqualTo(simulator.copilot().answerFor(after));
	}

	private static void identifierCatalogue(PiecesStream stream, String reference, String otherReference) {
		expect(stream, "{\"iterable\": [{\"" + reference + "\": {\"id\": \"", FrameOutcome.MALFORMED);
		expect(stream, "{\"iterable\": \"nope\"}", FrameOutcome.MALFORMED);
		expect(stream, "{\"iterable\": [{\"" + reference + "\": {\"id\": {\"x\": 1}}, \"deleted\": [true]}]}",
				FrameOutcome.MALFORMED);
		expect(stream, "{\"iterable\": [{\"" + otherReference + "\": {\"id\": \"" + UUID.randomUUID() + "\"}}]}",
				FrameOutcome.MALFORMED);
		// an unknown enum in an optional part of the frame does not make the ids unusable
		expect(stream, "{\"iterable\": [], \"schema\": {\"migration\": 0, \"semantic\": \"MAJOR_9_MINOR_9\"}}",
				FrameOutcome.PROCESSED);
		expect(stream, "", FrameOutcome.MALFORMED);
		expect(stream, HUGE, FrameOutcome.OVERSIZED);
	}

	/**
	 * Send one frame and wait until the client has counted exactly one more frame, with the
	 * expected outcome.
	 */
	private static void expect(PiecesStream stream, String frame, FrameOutcome outcome) {
		int total = counter.total(stream);
		int before = counter.count(stream, outcome);
		int errors = counter.errors(stream);
		assertThat(simulator.sendRawFrame(stream.tag(), frame)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> counter.total(stream) > total);
		String shown = (frame.length() > 80) ? frame.substring(0, 80) + "..." : frame;
		assertThat(counter.total(stream)).as("frames counted after <%s>", shown).isEqualTo(total + 1);
		assertThat(counter.count(stream, outcome)).as("outcome of <%s>", shown).isEqualTo(before + 1);
		if (outcome != FrameOutcome.PROCESSED) {
			await().untilAsserted(() -> assertThat(counter.errors(stream)).as("error callbacks after <%s>", shown)
				.isEqualTo(errors + 1));
		}
	}

	private static void flood(PiecesStream stream, String frame) {
		int processed = counter.count(stream, FrameOutcome.PROCESSED);
		int bad = counter.total(stream) - processed;
		for (int i = 0; i < FLOOD; i++) {
			simulator.sendRawFrame(stream.tag(), frame);
		}
		// at least: a frame of an earlier exchange may still be counted meanwhile
		await().atMost(Duration.ofSeconds(60))
			.until(() -> counter.count(stream, FrameOutcome.PROCESSED) >= processed + FLOOD);
		assertThat(counter.total(stream) - counter.count(stream, FrameOutcome.PROCESSED)).as("bad frames during the flood")
			.isEqualTo(bad);
	}

}
