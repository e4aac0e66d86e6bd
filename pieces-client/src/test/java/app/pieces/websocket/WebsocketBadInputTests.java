package app.pieces.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.client.PiecesClient;
import app.pieces.model.QGPTRelevanceInput;
import app.pieces.model.QGPTStreamEnum;
import app.pieces.model.QGPTStreamInput;
import app.pieces.model.QGPTStreamOutput;
import app.pieces.model.UserProfile;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static app.pieces.websocket.TestSupport.copy;
import static app.pieces.websocket.TestSupport.recorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input of every kind is reported once and leaves the stream and the caches working.
 */
class WebsocketBadInputTests {

	private static final int LIMIT = 4096;

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(5).conversations(2).build();

	@RegisterExtension
	final ManagedSockets sockets = ManagedSockets.on(pieces, TestSupport.fastSettings().withMaxTextMessageSize(LIMIT));

	private final List<FrameOutcome> outcomes = recorder();

	@BeforeEach
	void recordFrameOutcomes() {
		this.sockets.manager().addEventListener(new ClientEventListener() {

			@Override
			public void onEvent(ClientEvent event) {
				if (event instanceof ClientEvent.FrameHandled frame) {
					FrameOutcome outcome = frame.outcome();
					WebsocketBadInputTests.this.outcomes.add(outcome);
				}
			}

		});
	}

	@Test
	void malformedIdentifierFramesShouldBeReportedAndKeepStreamAndCacheWorking() throws Exception {
		List<Throwable> errors = recorder();
		AssetsIdentifiersWS assets = this.sockets.manager()
			.assets(AssetsListener.of(null, null, null, errors::add, null));
		assets.start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		Set<String> before = assets.cache().ids();
		simulator().sendRawFrame("assets", "{\"iterable\": [");
		simulator().sendRawFrame("assets", "{\"iterable\": \"nope\"}");
		simulator().sendRawFrame("assets", "{\"iterable\": [{\"conversation\": {\"id\": \"x\"}}]}");
		simulator().sendRawFrame("assets", "[]");
		await().until(() -> errors.size() == 4);
		assertThat(errors).allSatisfy((error) -> assertThat(error).isInstanceOfSatisfying(WebsocketFrameException.class,
				(frameError) -> assertThat(frameError.outcome()).isEqualTo(FrameOutcome.MALFORMED)));
		assertThat(assets.cache().ids()).isEqualTo(before);
		assertThat(assets.isConnected()).isTrue();
		String id = simulator().createAsset("Still alive", "echo ok", "sh");
		await().until(() -> assets.cache().get(id).isPresent());
		assertThat(assets.cache().ids()).containsExactlyInAnyOrderElementsOf(simulator().state().assets());
		assertThat(this.outcomes).filteredOn(FrameOutcome.MALFORMED::equals).hasSize(4);
	}

	@Test
	void itemWithoutReferenceShouldNotLoseTheOtherItemsOfItsFrame() throws Exception {
		List<String> updates = recorder();
		AssetsIdentifiersWS assets = this.sockets.manager()
			.assets(AssetsListener.of((asset) -> updates.add(asset.id()), null, null, null, null));
		assets.start();
		assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		String id = simulator().createAsset("Silent", "x = 1", "py", true);
		simulator().sendRawFrame("assets",
				"{\"iterable\": [{\"conversation\": {\"id\": \"x\"}}, {\"asset\": {\"id\": \"" + id + "\"}}]}");
		await().until(() -> assets.cache().get(id).isPresent());
		await().untilAsserted(() -> assertThat(updates).contains(id));
	}

	@Test
	void malformedUserFramesShouldKeepTheLastUserAndTheStreamWorking() {
		List<Optional<UserProfile>> users = recorder();
		List<Throwable> errors = recorder();
		AuthWS auth = this.sockets.manager().user(WebsocketListener.of(users::add, null, errors::add, null));
		auth.start();
		await().until(() -> auth.currentUser().isPresent());
		simulator().sendRawFrame("user", "{}");
		simulator().sendRawFrame("user", "[1, 2]");
		await().until(() -> errors.size() == 2);
		assertThat(auth.currentUser()).isPresent();
		simulator().logout();
		await().until(() -> auth.currentUser().isEmpty());
		simulator().login();
		await().until(() -> auth.currentUser().isPresent());
		assertThat(this.outcomes).filteredOn(FrameOutcome.MALFORMED::equals).hasSize(2);
	}

	@Test
	void userFrameThatIsNotJsonShouldBeReportedAndTheUserConfirmedOverRest() {
		List<Optional<UserProfile>> users = recorder();
		List<Throwable> errors = recorder();
		AuthWS auth = this.sockets.manager().user(WebsocketListener.of(users::add, null, errors::add, null));
		auth.start();
		await().until(() -> auth.currentUser().isPresent());
		long signInsBefore = users.stream().filter(Optional::isPresent).count();
		// junk while signed in: reported, and GET /user confirms the user is still signed in (nothing delivered)
		long readsBefore = simulator().restRequests("/user");
		simulator().sendRawFrame("user", "signed out");
		simulator().sendRawFrame("user", "{\"id\":\"u\u0000");
		simulator().sendRawFrame("user", "[".repeat(2_000));
		await().until(() -> simulator().restRequests("/user") >= readsBefore + 3);
		await().until(() -> errors.size() == 3);
		assertThat(errors).allSatisfy((error) -> assertThat(error).isInstanceOfSatisfying(WebsocketFrameException.class,
				(frame) -> assertThat(frame.outcome()).isEqualTo(FrameOutcome.MALFORMED)));
		assertThat(auth.currentUser()).isPresent();
		assertThat(users).doesNotContain(Optional.empty());
		assertThat(users.stream().filter(Optional::isPresent).count()).isEqualTo(signInsBefore);
		// a sign-out whose frame could not be read is found by the confirmation
		simulator().logout(true);
		simulator().sendRawFrame("user", "{not a profile");
		await().until(() -> auth.currentUser().isEmpty());
		assertThat(users).containsOnlyOnce(Optional.empty());
		// null and an empty frame still mean signed out, as the official clients read them
		simulator().login();
		await().until(() -> auth.currentUser().isPresent());
		simulator().sendRawFrame("user", "null");
		await().until(() -> auth.currentUser().isEmpty());
	}

	@Test
	void oversizedFrameShouldBeDiscardedAndStreamKeepWorking() {
		List<String> messages = recorder();
		List<Throwable> errors = recorder();
		HealthWS health = this.sockets.manager().health(WebsocketListener.of(messages::add, null, errors::add, null));
		health.start();
		await().until(() -> messages.contains("OK"));
		simulator().sendRawFrame("health", "x".repeat(LIMIT * 3));
		simulator().sendRawFrame("health", "OK, still here");
		await().until(() -> messages.contains("OK, still here"));
		assertThat(messages).allSatisfy((message) -> assertThat(message.length()).isLessThan(LIMIT));
		assertThat(errors).singleElement().isInstanceOfSatisfying(WebsocketFrameException.class,
				(error) -> assertThat(error.outcome()).isEqualTo(FrameOutcome.OVERSIZED));
		assertThat(health.isConnected()).isTrue();
		assertThat(this.outcomes).contains(FrameOutcome.OVERSIZED);
	}

	@Test
	void frameLargerThanTheTransportBufferShouldBeAssembledFromPartialMessages() {
		PiecesWebsocketManager large = new PiecesWebsocketManager(this.sockets.client(), TestSupport.fastSettings());
		try {
			List<String> messages = recorder();
			HealthWS health = large.health(WebsocketListener.onMessage(messages::add));
			health.start();
			await().until(() -> messages.contains("OK"));
			// 3-byte and 2-byte characters straddle the 64 KiB chunk boundaries
			String big = "ok " + "\u20ac\u00e9x".repeat(40_000);
			simulator().sendRawFrame("health", big);
			await().until(() -> messages.contains(big));
		}
		finally {
			large.closeAll();
		}
	}

	@Test
	void malformedAndUnknownStatusCopilotFramesShouldBeReportedAndAnswersKeepFlowing() throws Exception {
		List<QGPTStreamOutput> outputs = recorder();
		List<Throwable> errors = recorder();
		AskStreamWS ask = this.sockets.manager().ask(WebsocketListener.of(outputs::add, null, errors::add, null));
		// the client may see the upgrade before the simulator registered the session: raw frames go to the
		// sessions the simulator knows, so wait until it knows exactly ours
		await().until(() -> simulator().openSessions("qgpt") == 0);
		ask.start();
		await().until(() -> ask.isConnected() && simulator().openSessions("qgpt") == 1);
		simulator().sendRawFrame("qgpt", "not json at all");
		simulator().sendRawFrame("qgpt", "{\"conversation\": \"c1\", \"status\": \"EXPLODED\"}");
		for (String notAnObject : List.of("null", "[{\"status\": \"COMPLETED\"}]", "\"COMPLETED\"", "42")) {
			simulator().sendRawFrame("qgpt", notAnObject);
		}
		await().until(() -> errors.size() == 6);
		assertThat(copy(outputs)).singleElement()
			.satisfies((output) -> assertThat(output.status()).isEqualTo(QGPTStreamEnum.UNKNOWN));
		String request = UUID.randomUUID().toString();
		ask.sendMessage(QGPTStreamInput.ofRelevance(request, null, QGPTRelevanceInput.question("Still there?", null, null)))
			.get(5, TimeUnit.SECONDS);
		await().until(() -> copy(outputs).stream()
			.anyMatch((output) -> request.equals(output.request()) && output.status() == QGPTStreamEnum.COMPLETED));
		assertThat(this.outcomes).filteredOn(FrameOutcome.MALFORMED::equals).hasSize(6);
	}

	@Test
	void binaryFrameShouldBeRejectedAndStreamKeepWorking() throws Exception {
		try (ScriptedServer server = new ScriptedServer();
				PiecesClient scriptedClient = PiecesClient.builder().baseUrl(server.baseUrl()).build()) {
			PiecesWebsocketManager scripted = new PiecesWebsocketManager(scriptedClient, TestSupport.fastSettings());
			List<String> messages = recorder();
			List<Throwable> errors = recorder();
			List<FrameOutcome> scriptedOutcomes = recorder();
			scripted.addEventListener(new ClientEventListener() {

				@Override
				public void onEvent(ClientEvent event) {
					if (event instanceof ClientEvent.FrameHandled frame) {
						FrameOutcome outcome = frame.outcome();
						scriptedOutcomes.add(outcome);
					}
				}

			});
			HealthWS health = scripted.health(WebsocketListener.of(messages::add, null, errors::add, null));
			health.start();
			await().until(() -> messages.contains("OK"));
			assertThat(errors).singleElement().isInstanceOfSatisfying(WebsocketFrameException.class,
					(error) -> assertThat(error.outcome()).isEqualTo(FrameOutcome.BINARY_REJECTED));
			await().untilAsserted(() -> assertThat(scriptedOutcomes).containsExactly(FrameOutcome.BINARY_REJECTED,
					FrameOutcome.PROCESSED));
			assertThat(health.isConnected()).isTrue();
			scripted.closeAll();
		}
	}

	@Test
	void upgradeAnsweredWith404ShouldMarkStreamUnsupportedWithoutRetries() throws Exception {
		try (ScriptedServer server = new ScriptedServer();
				PiecesClient scriptedClient = PiecesClient.builder().baseUrl(server.baseUrl()).build()) {
			PiecesWebsocketManager scripted = new PiecesWebsocketManager(scriptedClient, TestSupport.fastSettings());
			List<Throwable> errors = recorder();
			AuthWS auth = scripted.user(WebsocketListener.of(null, null, errors::add, null));
			auth.start();
			await().until(() -> auth.state() == ConnectionState.UNSUPPORTED);
			await().until(() -> !errors.isEmpty());
			assertThat(errors).singleElement().isInstanceOf(StreamUnsupportedException.class);
			// the refused upgrade and the one request that asks for its status, then nothing more
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
				.until(() -> server.requests(PiecesStream.USER.path()) == 2);
			assertThat(auth.reconnectAttempts()).isZero();
			scripted.closeAll();
		}
	}

	@Test
	void malformedFullListAfterConnectShouldReconnectForAFreshListInsteadOfTrustingTheNextDelta() throws Exception {
		try (ScriptedServer server = new ScriptedServer();
				PiecesClient scriptedClient = PiecesClient.builder().baseUrl(server.baseUrl()).build()) {
			PiecesWebsocketManager scripted = new PiecesWebsocketManager(scriptedClient, TestSupport.fastSettings());
			List<Throwable> errors = recorder();
			AssetsIdentifiersWS assets = scripted.assets(AssetsListener.of(null, null, null, errors::add, null));
			assets.start();
			assertThat(assets.cache().awaitInitialSync(Duration.ofSeconds(10))).isTrue();
			assertThat(server.assetConnections()).isGreaterThanOrEqualTo(2);
			assertThat(errors).first().isInstanceOfSatisfying(WebsocketFrameException.class,
					(error) -> assertThat(error.outcome()).isEqualTo(FrameOutcome.MALFORMED));
			await().until(assets::isConnected);
			assertThat(assets.cache().size()).isZero();
			scripted.closeAll();
		}
	}

	@Test
	void oversizedFullListShouldLeaveCacheOutOfSyncButApplyLaterDeltas() {
		assertThat(simulator().state().assets()).hasSizeGreaterThanOrEqualTo(5);
		PiecesWebsocketManager tiny = new PiecesWebsocketManager(this.sockets.client(),
				TestSupport.fastSettings().withMaxTextMessageSize(200));
		try {
			List<Throwable> errors = recorder();
			AssetsIdentifiersWS assets = tiny.assets(AssetsListener.of(null, null, null, errors::add, null));
			assets.start();
			await().until(() -> !errors.isEmpty());
			assertThat(errors.get(0)).isInstanceOfSatisfying(WebsocketFrameException.class,
					(error) -> assertThat(error.outcome()).isEqualTo(FrameOutcome.OVERSIZED));
			String id = simulator().createAsset("Tiny", "x", "py");
			await().until(() -> assets.cache().get(id).isPresent());
			assertThat(assets.cache().ids()).containsExactly(id);
			assertThat(assets.cache().isSynced()).isFalse();
			assertThat(assets.isConnected()).isTrue();
		}
		finally {
			tiny.closeAll();
		}
	}

	@Test
	void malformedUserFrameShouldNotWritePersonalDataToTheLog() {
		try (LogCapture logs = new LogCapture(Level.DEBUG)) {
			List<Throwable> errors = recorder();
			AuthWS auth = this.sockets.manager().user(WebsocketListener.of(null, null, errors::add, null));
			auth.start();
			await().until(() -> auth.currentUser().isPresent());
			simulator().sendRawFrame("user", "{\"id\": \"u1\", \"aesthetics\": \"ada@example.com\"}");
			await().until(() -> !errors.isEmpty());
			assertThat(logs.messages()).anySatisfy((line) -> assertThat(line).contains("user stream"));
			assertThat(logs.messages()).noneSatisfy((line) -> assertThat(line).contains("ada@example.com"));
			assertThat(auth.currentUser()).isPresent();
		}
	}

	private static PiecesOsSimulator simulator() {
		return pieces.simulator();
	}

}
