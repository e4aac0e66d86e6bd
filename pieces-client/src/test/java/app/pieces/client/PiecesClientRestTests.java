package app.pieces.client;

import java.net.ServerSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import app.pieces.model.Asset;
import app.pieces.model.Context;
import app.pieces.model.Conversation;
import app.pieces.model.ConversationTypeEnum;
import app.pieces.model.Models;
import app.pieces.model.PiecesJson;
import app.pieces.model.UserProfile;
import app.pieces.simulator.PiecesOsSimulator;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * REST calls of {@link PiecesClient} against one simulator (fixed base URL).
 */
class PiecesClientRestTests {

	private static final String SNAPSHOT_ASSET = "f5f080e2-45ea-4b2e-aaad-32990dd359a6";

	private static final String SNAPSHOT_CONVERSATION = "e671234d-be69-49c0-9900-e8fae48d24b9";

	private static PiecesOsSimulator simulator;

	private static PiecesClient client;

	private static final List<String> applicationHeaders = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void start() {
		simulator = PiecesOsSimulator.builder().healthInterval(Duration.ZERO).start();
		client = PiecesClient.builder()
			.baseUrl(simulator.baseUrl())
			.restClientCustomizer((builder) -> builder.requestInterceptor((request, body, execution) -> {
				String header = request.getHeaders().getFirst(PiecesClient.APPLICATION_HEADER);
				applicationHeaders.add(request.getURI().getPath() + " " + header);
				return execution.execute(request, body);
			}))
			.build();
	}

	@AfterAll
	static void stop() {
		client.close();
		simulator.close();
	}

	@AfterEach
	void restoreSimulator() {
		simulator.setVersion("12.3.2");
		simulator.setHealthy(true);
		simulator.setRestLatency(Duration.ZERO);
		simulator.login();
	}

	@Test
	void versionShouldReturnThePlainTextVersion() {
		assertThat(client.version()).isEqualTo("12.3.2");
		assertThat(client.checkVersion()).isEqualTo(PiecesVersion.parse("12.3.2"));
	}

	@Test
	void checkVersionShouldAcceptDebugAndStagingBuildsInRange() {
		simulator.setVersion("debug");
		assertThat(client.checkVersion().isDebug()).isTrue();
		simulator.setVersion("12.0.0-staging");
		assertThat(client.checkVersion().qualifier()).isEqualTo("staging");
		simulator.setVersion("12.99.99");
		assertThat(client.checkVersion().minor()).isEqualTo(99);
	}

	@Test
	void checkVersionWhenPiecesOsIsTooOldShouldAskToUpdatePiecesOs() {
		simulator.setVersion("11.9.9");
		assertThatExceptionOfType(PiecesIncompatibleVersionException.class).isThrownBy(client::checkVersion)
			.withMessageContaining("Pieces OS 11.9.9 is too old")
			.withMessageContaining("update Pieces OS")
			.satisfies((ex) -> {
				assertThat(ex.getUpdate()).isEqualTo(PiecesIncompatibleVersionException.Update.PIECES_OS);
				assertThat(ex.getActualVersion()).isEqualTo("11.9.9");
			});
	}

	@Test
	void checkVersionWhenPiecesOsIsTooNewShouldAskToUpdateTheClient() {
		simulator.setVersion("13.0.0");
		assertThatExceptionOfType(PiecesIncompatibleVersionException.class).isThrownBy(client::checkVersion)
			.withMessageContaining("newer than this client supports")
			.withMessageContaining("update the Pieces client")
			.satisfies((ex) -> assertThat(ex.getUpdate())
				.isEqualTo(PiecesIncompatibleVersionException.Update.CLIENT));
	}

	@Test
	void checkVersionWhenTheVersionIsUnreadableShouldSaySo() {
		simulator.setVersion("banana");
		assertThatExceptionOfType(PiecesIncompatibleVersionException.class).isThrownBy(client::checkVersion)
			.withMessageContaining("'banana'")
			.satisfies((ex) -> assertThat(ex.getUpdate())
				.isEqualTo(PiecesIncompatibleVersionException.Update.UNKNOWN));
	}

	@Test
	void checkVersionWithACustomRangeShouldUseIt() {
		try (PiecesClient custom = PiecesClient.builder()
			.baseUrl(simulator.baseUrl())
			.supportedVersions("13.0.0", "14.0.0")
			.build()) {
			assertThatExceptionOfType(PiecesIncompatibleVersionException.class).isThrownBy(custom::checkVersion)
				.withMessageContaining("[13.0.0, 14.0.0)");
		}
	}

	@Test
	void connectWhenTheVersionIsIncompatibleShouldFailBeforeRegistering() {
		try (PiecesClient fresh = PiecesClient.builder().baseUrl(simulator.baseUrl()).build()) {
			simulator.setVersion("10.1.15");
			long connects = simulator.restRequests("/connect");
			assertThatExceptionOfType(PiecesIncompatibleVersionException.class).isThrownBy(fresh::connect);
			assertThat(simulator.restRequests("/connect")).isEqualTo(connects);
			assertThat(fresh.applicationId()).isEmpty();
		}
	}

	@Test
	void connectWithoutVersionCheckShouldRegisterWhateverTheVersion() {
		try (PiecesClient fresh = PiecesClient.builder().baseUrl(simulator.baseUrl()).versionCheck(false).build()) {
			simulator.setVersion("10.1.15");
			assertThat(fresh.connect().application().id()).isNotBlank();
		}
	}

	@Test
	void connectShouldRegisterTheApplicationAndSendItsIdOnLaterCalls() {
		try (PiecesClient fresh = PiecesClient.builder()
			.baseUrl(simulator.baseUrl())
			.applicationName("VS_CODE")
			.applicationVersion("9.9.9")
			.build()) {
			Context context = fresh.connect();
			assertThat(context.application().name()).isEqualTo("VS_CODE");
			assertThat(context.application().version()).isEqualTo("9.9.9");
			assertThat(fresh.applicationId()).contains(context.application().id());
		}
		Context context = client.connect();
		String id = context.application().id();
		assertThat(context.application().name()).isEqualTo("OPEN_SOURCE");
		assertThat(context.health().os().version()).isEqualTo("12.3.2");
		assertThat(client.applicationId()).contains(id);
		applicationHeaders.clear();
		client.models();
		assertThat(applicationHeaders).containsExactly("/models " + id);
	}

	@Test
	void userWhenSignedInShouldReturnTheProfileAndWhenSignedOutNothing() {
		Optional<UserProfile> user = client.user();
		assertThat(user).get().satisfies((profile) -> {
			assertThat(profile.id()).isNotBlank();
			assertThat(profile.aesthetics()).isNotNull();
		});
		simulator.logout();
		assertThat(client.user()).isEmpty();
		simulator.login();
		assertThat(client.user()).isPresent();
	}

	@Test
	void assetShouldReturnTheSnapshotWithRawJson() {
		Asset asset = client.asset(SNAPSHOT_ASSET);
		assertThat(asset.id()).isEqualTo(SNAPSHOT_ASSET);
		assertThat(asset.name()).isEqualTo("Retry with exponential backoff");
		assertThat(asset.language()).isEqualTo("java");
		assertThat(asset.text()).contains("Callable<T> op");
		assertThat(asset.updatedAt()).isNotNull();
		assertThat(asset.rawJson()).isNotNull();
		String served = simulator.assetJson(SNAPSHOT_ASSET).orElseThrow();
		assertThat(asset.raw()).isEqualTo(PiecesJson.mapper().readTree(served));
	}

	@Test
	void forEachAssetShouldStreamTheLibraryEachAssetWithTheJsonItWasSent() throws Exception {
		List<Asset> assets = new java.util.ArrayList<>();
		client.forEachAsset(assets::add);
		assertThat(assets).extracting(Asset::id).containsExactlyInAnyOrderElementsOf(simulator.state().assets());
		Asset snapshot = assets.stream().filter((asset) -> asset.id().equals(SNAPSHOT_ASSET)).findFirst().orElseThrow();
		assertThat(snapshot.name()).isEqualTo("Retry with exponential backoff");
		assertThat(snapshot.text()).as("no transferables in a bulk read").isNull();
		String answer = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(simulator.baseUrl() + "/assets?transferables=false"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString())
			.body();
		JsonNode bulk = PiecesJson.mapper().readTree(answer).get("iterable");
		assertThat(bulk.size()).isEqualTo(assets.size());
		for (int i = 0; i < assets.size(); i++) {
			// the raw JSON of each item is exactly its part of the answer: every field, the unmodelled ones too
			assertThat(assets.get(i).raw()).isEqualTo(bulk.get(i));
		}
	}

	@Test
	void assetWithoutTransferablesShouldLeaveOutTheContent() {
		Asset asset = client.asset(SNAPSHOT_ASSET, false);
		assertThat(asset.name()).isEqualTo("Retry with exponential backoff");
		assertThat(asset.text()).isNull();
	}

	@Test
	void assetCreatedInPiecesOsShouldBeFetched() {
		String id = simulator.createAsset("Hello", "print('hi')", "py");
		Asset asset = client.asset(id);
		assertThat(asset.name()).isEqualTo("Hello");
		assertThat(asset.text()).isEqualTo("print('hi')");
		assertThat(asset.language()).isEqualTo("py");
	}

	@Test
	void assetThatNeverExistedShouldBeNotFoundButNotGone() {
		assertThatExceptionOfType(PiecesNotFoundException.class)
			.isThrownBy(() -> client.asset("00000000-0000-0000-0000-000000000000"))
			.isNotInstanceOf(PiecesGoneException.class)
			.withMessageContaining("404")
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404));
	}

	@Test
	void assetDeletedInPiecesOsShouldBeGone() {
		String id = simulator.createAsset("Doomed", "x", "txt");
		assertThat(client.asset(id).name()).isEqualTo("Doomed");
		simulator.deleteAsset(id);
		assertThatExceptionOfType(PiecesGoneException.class).isThrownBy(() -> client.asset(id))
			.isInstanceOf(PiecesNotFoundException.class)
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(410));
	}

	@Test
	void conversationShouldReturnTheSnapshotWithMessagesInOrder() {
		Conversation conversation = client.conversation(SNAPSHOT_CONVERSATION);
		assertThat(conversation.name()).isNotBlank();
		assertThat(conversation.messageIds()).containsExactly("67694663-6f15-43ab-83eb-9fb3cd6b39ea",
				"3c2a697a-c643-4075-87e4-c463e21ddd72");
		assertThat(conversation.messageIds()).map((id) -> simulator.message(id).orElseThrow().get("role"))
			.containsExactly("USER", "ASSISTANT");
		assertThat(conversation.rawJson()).isNotNull();
	}

	@Test
	void conversationDeletedInPiecesOsShouldBeGone() {
		String id = simulator.createConversation("Short-lived");
		assertThat(client.conversation(id).name()).isEqualTo("Short-lived");
		simulator.deleteConversation(id);
		assertThatExceptionOfType(PiecesGoneException.class).isThrownBy(() -> client.conversation(id));
	}

	@Test
	void createConversationShouldCreateACopilotConversation() {
		Conversation created = client.conversations().create("Questions about retries");
		assertThat(created.name()).isEqualTo("Questions about retries");
		assertThat(created.type()).isEqualTo(ConversationTypeEnum.COPILOT);
		assertThat(client.conversation(created.id()).name()).isEqualTo("Questions about retries");
	}

	@Test
	void associateAndDisassociateShouldAttachAndDetachAnAsset() {
		Conversation created = client.conversations().create("With an asset");
		client.conversations().associateAsset(created.id(), SNAPSHOT_ASSET);
		assertThat(client.conversation(created.id()).assets().iterable()).extracting((asset) -> asset.id())
			.containsExactly(SNAPSHOT_ASSET);
		client.conversations().disassociateAsset(created.id(), SNAPSHOT_ASSET);
		Conversation detached = client.conversation(created.id());
		assertThat((detached.assets() != null) ? detached.assets().iterable() : List.of()).isEmpty();
	}

	@Test
	void associateWithAnUnknownConversationShouldFailWithATypedException() {
		assertThatExceptionOfType(PiecesApiException.class)
			.isThrownBy(() -> client.conversations().associateAsset("00000000-0000-0000-0000-000000000000", SNAPSHOT_ASSET))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isBetween(400, 499));
	}

	@Test
	void modelsShouldIncludeTheModelThePythonSdkRequires() {
		Models models = client.models();
		assertThat(models.findByName("GPT-3.5-turbo Chat Model")).get()
			.satisfies((model) -> assertThat(model.cloud()).isTrue());
	}

	@Test
	void isHealthyShouldFollowTheHealthEndpoint() {
		assertThat(client.isHealthy()).isTrue();
		simulator.setHealthy(false);
		assertThat(client.isHealthy()).isFalse();
	}

	@Test
	void callsToAPortWithNothingListeningShouldBeUnavailable() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		try (PiecesClient down = PiecesClient.builder().baseUrl("http://127.0.0.1:" + port).build()) {
			assertThat(down.isHealthy()).isFalse();
			assertThatExceptionOfType(PiecesUnavailableException.class).isThrownBy(() -> down.asset(SNAPSHOT_ASSET))
				.withMessageContaining("unreachable");
			assertThatExceptionOfType(PiecesUnavailableException.class).isThrownBy(down::connect);
		}
	}

	@Test
	void callThatExceedsTheReadTimeoutShouldBeUnavailable() {
		try (PiecesClient impatient = PiecesClient.builder()
			.baseUrl(simulator.baseUrl())
			.readTimeout(Duration.ofMillis(200))
			.build()) {
			simulator.setRestLatency(Duration.ofSeconds(3));
			assertThatExceptionOfType(PiecesUnavailableException.class)
				.isThrownBy(() -> impatient.asset(SNAPSHOT_ASSET));
		}
	}

	@Test
	void jsonMapperShouldDefaultToThePiecesMapper() {
		assertThat(client.jsonMapper()).isSameAs(PiecesJson.mapper());
	}

	@Test
	void toStringShouldShowTheBaseButNoUserData() {
		client.connect();
		assertThat(client.toString()).contains(simulator.baseUrl()).doesNotContain("@");
	}

}
