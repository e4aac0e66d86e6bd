package app.pieces.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import app.pieces.simulator.PiecesOsSimulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's HTTP API ({@code /api/*}) and Actuator endpoints against the embedded simulator
 * ({@code simulator} profile), over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class SampleApiTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private PiecesOsSimulator simulator;

	private RestClient rest;

	@BeforeEach
	void connectToTheApp() {
		this.rest = RestClient.builder().baseUrl("http://localhost:" + this.port).build();
		// every test starts from a connected, synced app (an earlier test may have restarted the simulator)
		await().atMost(WAIT).until(() -> {
			JsonNode status = get("/api/status");
			return status.get("healthy").asBoolean() && status.get("assetsSynced").asBoolean()
					&& status.get("assetCount").asInt() == this.simulator.state().assets().size();
		});
	}

	@Test
	void statusWhenConnectedShouldReportEveryStreamUserCountsAndVersion() {
		// the user, the version and each stream's connection arrive independently of health and assets
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode current = get("/api/status");
			for (String stream : List.of("health", "user", "assets", "conversations", "qgpt", "ltm", "anchors", "ranges")) {
				assertThat(current.get("streams").get(stream).get("connected").asBoolean()).as(stream).isTrue();
			}
			assertThat(current.get("user").asString()).isEqualTo("Ada Example");
			assertThat(current.get("piecesOsVersion").asString()).isEqualTo("12.3.2");
			// the conversations stream may still be catching up with a conversation an earlier test created
			assertThat(current.get("conversationCount").asInt())
				.isEqualTo(this.simulator.state().conversations().size());
		});
		JsonNode status = get("/api/status");
		assertThat(status.get("assetsSynced").asBoolean()).isTrue();
		assertThat(status.get("assetCount").asInt()).isEqualTo(this.simulator.state().assets().size());
		assertThat(status.get("conversationCount").asInt()).isEqualTo(this.simulator.state().conversations().size());
		assertThat(status.get("user").asString()).isEqualTo("Ada Example");
		assertThat(status.get("piecesOsVersion").asString()).isEqualTo("12.3.2");
		assertThat(status.get("baseUrl").asString()).isEqualTo(this.simulator.baseUrl());
		assertThat(status.toString()).doesNotContain("@");
	}

	@Test
	void statusWhenTheUserSignsOutAndInShouldFollow() {
		try {
			this.simulator.logout();
			await().atMost(WAIT).untilAsserted(() -> assertThat(get("/api/status").get("user").isNull()).isTrue());
		}
		finally {
			this.simulator.login();
		}
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(get("/api/status").get("user").asString()).isEqualTo("Ada Example"));
	}

	@Test
	void assetsShouldListEveryCachedAssetNewestFirst() {
		List<String> ids = new ArrayList<>();
		List<Instant> updated = new ArrayList<>();
		for (JsonNode asset : get("/api/assets")) {
			ids.add(asset.get("id").asString());
			updated.add(Instant.parse(asset.get("updated").asString()));
			assertThat(asset.has("name")).isTrue();
			assertThat(asset.has("language")).isTrue();
		}
		assertThat(ids).containsExactlyInAnyOrderElementsOf(this.simulator.state().assets());
		List<Instant> newestFirst = new ArrayList<>(updated);
		newestFirst.sort(Collections.reverseOrder());
		assertThat(updated).isEqualTo(newestFirst);
	}

	@Test
	void assetsShouldFollowAssetsCreatedAndDeletedInPiecesOs() {
		String id = this.simulator.createAsset("Parse a duration", "Duration.parse(\"PT5S\")", "java");
		await().atMost(WAIT).untilAsserted(() -> assertThat(assetIds()).contains(id));
		assertThat(get("/api/assets").get(0).get("name").asString()).isEqualTo("Parse a duration");
		this.simulator.deleteAsset(id);
		await().atMost(WAIT).untilAsserted(() -> assertThat(assetIds()).doesNotContain(id));
	}

	@Test
	void assetWhenSavedChangedAndDeletedThroughTheApiShouldFollowAtOnce() {
		ResponseEntity<String> created = this.rest.post()
			.uri("/api/assets")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"Backoff\",\"text\":\"retry(3)\",\"language\":\"java\"}")
			.retrieve()
			.toEntity(String.class);
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		JsonNode asset = read(created.getBody());
		String id = asset.get("id").asString();
		assertThat(asset.get("name").asString()).isEqualTo("Backoff");
		assertThat(asset.get("language").asString()).isEqualTo("java");
		assertThat(asset.has("updated")).isTrue();
		assertThat(created.getHeaders().getLocation()).hasPath("/api/assets/" + id);
		// the cache holds it before the write returned
		assertThat(assetIds()).contains(id);
		assertThat(this.simulator.state().assets()).contains(id);
		assertThat(get("/api/assets/" + id).get("text").asString()).isEqualTo("retry(3)");

		JsonNode changed = read(this.rest.patch()
			.uri("/api/assets/" + id)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"Backoff with jitter\",\"text\":\"retry(3, jitter)\"}")
			.retrieve()
			.body(String.class));
		assertThat(changed.get("name").asString()).isEqualTo("Backoff with jitter");
		assertThat(changed.get("text").asString()).isEqualTo("retry(3, jitter)");
		assertThat(get("/api/assets").findValuesAsString("name")).contains("Backoff with jitter");

		assertThat(this.rest.delete().uri("/api/assets/" + id).retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(204);
		assertThat(assetIds()).doesNotContain(id);
		assertThat(status("/api/assets/" + id)).isEqualTo(404);
	}

	@Test
	void searchShouldFindASavedSnippetBestFirstInEveryMode() {
		String id = this.simulator.createAsset("Exponential backoff helper", "delay = base * factor ** attempt", "py");
		await().atMost(WAIT).untilAsserted(() -> assertThat(assetIds()).contains(id));
		for (String query : List.of("/api/search?q=exponential backoff", "/api/search?q=factor&mode=ncs",
				"/api/search?q=backoff helper&mode=assets")) {
			JsonNode hits = get(query);
			assertThat(hits.get(0).get("id").asString()).as(query).isEqualTo(id);
			assertThat(hits.get(0).get("name").asString()).isEqualTo("Exponential backoff helper");
			assertThat(hits.get(0).get("score").asDouble()).isPositive();
		}
		assertThat(get("/api/search?q=zzz-nothing-like-this")).isEmpty();
		assertThat(status("/api/search?q=x&mode=grep")).isEqualTo(400);
		this.simulator.deleteAsset(id);
	}

	@Test
	void conversationShouldBeReadRenamedAndDeletedThroughTheApi() {
		String id = this.simulator.state().conversations().get(0);
		JsonNode messages = get("/api/conversations/" + id + "/messages");
		List<String> expected = this.simulator.conversationMessages(id);
		assertThat(messages).hasSize(expected.size());
		for (int i = 0; i < expected.size(); i++) {
			JsonNode message = messages.get(i);
			assertThat(message.get("role").asString() + ": " + message.get("text").asString()).isEqualTo(expected.get(i));
			assertThat(message.has("id")).isTrue();
			assertThat(message.has("created")).isTrue();
		}
		assertThat(status("/api/conversations/no-such-conversation/messages")).isEqualTo(404);

		String created = this.simulator.createConversation("To be renamed");
		await().atMost(WAIT).untilAsserted(() -> assertThat(get("/api/conversations").findValuesAsString("id"))
			.contains(created));
		JsonNode renamed = read(this.rest.patch()
			.uri("/api/conversations/" + created)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"Renamed in the app\"}")
			.retrieve()
			.body(String.class));
		assertThat(renamed.get("name").asString()).isEqualTo("Renamed in the app");
		assertThat(get("/api/conversations").findValuesAsString("name")).contains("Renamed in the app");
		assertThat(statusOf(this.rest.delete().uri("/api/conversations/" + created))).isEqualTo(204);
		assertThat(get("/api/conversations").findValuesAsString("id")).doesNotContain(created);
		assertThat(this.simulator.state().conversations()).doesNotContain(created);
	}

	@Test
	void assetWritesWithBadInputShouldBeRejectedWithTheirReason() {
		assertThat(statusOf(this.rest.post()
			.uri("/api/assets")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"No text\"}")
			)).isEqualTo(400);
		assertThat(statusOf(this.rest.patch()
			.uri("/api/assets/no-such-asset")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"x\"}")
			)).isEqualTo(404);
		assertThat(statusOf(this.rest.delete()
			.uri("/api/assets/no-such-asset")
			)).isEqualTo(404);
	}

	@Test
	void conversationsShouldListEveryCachedConversation() {
		await().atMost(WAIT).untilAsserted(() -> {
			List<String> ids = new ArrayList<>();
			for (JsonNode conversation : get("/api/conversations")) {
				ids.add(conversation.get("id").asString());
				assertThat(conversation.has("name")).isTrue();
				assertThat(conversation.has("updated")).isTrue();
			}
			assertThat(ids).containsExactlyInAnyOrderElementsOf(this.simulator.state().conversations());
		});
	}

	@Test
	void askShouldStreamChunksThenOneDoneEventWithTheFullAnswerAndConversation() {
		String question = "How do I add jitter to this retry helper?";
		List<SseEvent> events = ask("{\"question\": \"" + question + "\"}");
		List<SseEvent> chunks = events.subList(0, events.size() - 1);
		assertThat(chunks).isNotEmpty().allSatisfy((event) -> assertThat(event.name()).isEqualTo("chunk"));
		SseEvent done = events.get(events.size() - 1);
		assertThat(done.name()).isEqualTo("done");
		String expected = this.simulator.copilot().answerFor(question);
		StringBuilder streamed = new StringBuilder();
		chunks.forEach((chunk) -> streamed.append(read(chunk.data()).get("text").asString()));
		assertThat(streamed).hasToString(expected);
		JsonNode result = read(done.data());
		assertThat(result.get("answer").asString()).isEqualTo(expected);
		assertThat(this.simulator.state().conversations()).contains(result.get("conversation").asString());
	}

	@Test
	void askWithConversationShouldContinueThatConversation() {
		List<SseEvent> first = ask("{\"question\": \"What is a backoff?\"}");
		String conversation = read(last(first).data()).get("conversation").asString();
		int messages = this.simulator.conversationMessages(conversation).size();
		List<SseEvent> followUp = ask(
				"{\"question\": \"And what is jitter?\", \"conversation\": \"" + conversation + "\"}");
		assertThat(last(followUp).name()).isEqualTo("done");
		JsonNode result = read(last(followUp).data());
		assertThat(result.get("conversation").asString()).isEqualTo(conversation);
		assertThat(result.get("answer").asString())
			.isEqualTo(this.simulator.copilot().answerFor("And what is jitter?"));
		assertThat(this.simulator.conversationMessages(conversation)).hasSize(messages + 2);
	}

	@Test
	void askWhenTheCopilotFailsShouldEndWithOneErrorEvent() {
		this.simulator.copilot().failNext(500, "The model is overloaded");
		List<SseEvent> events = ask("{\"question\": \"Will this fail?\"}");
		assertThat(events).extracting(SseEvent::name).containsOnlyOnce("error").doesNotContain("done");
		assertThat(last(events).name()).isEqualTo("error");
		assertThat(read(last(events).data()).get("message").asString()).contains("The model is overloaded");
	}

	@Test
	void askWithoutQuestionShouldBeRejected() {
		HttpStatusCode status = this.rest.post()
			.uri("/api/ask")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON)
			.body("{\"question\": \"  \"}")
			.exchange((request, response) -> response.getStatusCode());
		assertThat(status.value()).isEqualTo(400);
	}

	@Test
	void eventsShouldStartWithSnapshotsThenPushAssetChanges() throws Exception {
		List<String> lines = Collections.synchronizedList(new ArrayList<>());
		ExecutorService executor = Executors.newCachedThreadPool();
		HttpClient http = HttpClient.newBuilder().executor(executor).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/events"))
			.header("Accept", "text/event-stream")
			.build();
		CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(request,
				HttpResponse.BodyHandlers.ofLines());
		CompletableFuture<Void> reading = response.thenAcceptAsync((r) -> r.body().forEach(lines::add));
		try {
			await().atMost(WAIT).untilAsserted(() -> assertThat(events(lines)).extracting(SseEvent::name)
				.startsWith("status", "assets", "conversations"));
			String id = this.simulator.createAsset("Format a number", "String.format(\"%,d\", n)", "java");
			await().atMost(WAIT).untilAsserted(() -> assertThat(events(lines))
				.anySatisfy((event) -> {
					assertThat(event.name()).isEqualTo("asset-updated");
					assertThat(read(event.data()).get("id").asString()).isEqualTo(id);
					assertThat(read(event.data()).get("name").asString()).isEqualTo("Format a number");
				}));
			this.simulator.deleteAsset(id);
			await().atMost(WAIT).untilAsserted(() -> assertThat(events(lines))
				.anySatisfy((event) -> {
					assertThat(event.name()).isEqualTo("asset-removed");
					assertThat(read(event.data()).get("id").asString()).isEqualTo(id);
				}));
		}
		finally {
			reading.cancel(true);
			response.thenAccept((r) -> r.body().close());
			executor.shutdownNow();
		}
	}

	@Test
	void actuatorHealthShouldShowPiecesWithDetails() {
		JsonNode pieces = get("/actuator/health").get("components").get("pieces");
		assertThat(pieces.get("status").asString()).isEqualTo("UP");
		JsonNode details = pieces.get("details");
		assertThat(details.get("baseUrl").asString()).isEqualTo(this.simulator.baseUrl());
		assertThat(details.get("streams").get("assets").get("state").asString()).isEqualTo("OPEN");
		assertThat(details.get("caches").get("assets").asInt()).isEqualTo(this.simulator.state().assets().size());
		assertThat(pieces.toString()).doesNotContain("@");
	}

	@Test
	void actuatorMetricsShouldListThePiecesMeters() {
		List<String> names = new ArrayList<>();
		get("/actuator/metrics").get("names").forEach((name) -> names.add(name.asString()));
		assertThat(names).contains("pieces.websocket.frames", "pieces.websocket.connected", "pieces.cache.size");
		JsonNode frames = get("/actuator/metrics/pieces.websocket.frames");
		assertThat(frames.get("measurements").get(0).get("value").asDouble()).isPositive();
	}

	@Test
	void simulatorRestartShouldTurnHealthDownThenUpWithoutRestartingTheApp() {
		// down for as long as the test needs to see it, then back at once
		this.simulator.restart(Duration.ofMinutes(5));
		try {
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(piecesHealth()).isEqualTo("DOWN");
				assertThat(get("/api/status").get("healthy").asBoolean()).isFalse();
			});
		}
		finally {
			this.simulator.restart(Duration.ZERO);
		}
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(piecesHealth()).isEqualTo("UP");
			JsonNode status = get("/api/status");
			assertThat(status.get("healthy").asBoolean()).isTrue();
			assertThat(status.get("streams").get("assets").get("connected").asBoolean()).isTrue();
		});
		String id = this.simulator.createAsset("After the restart", "echo back", "sh");
		await().atMost(WAIT).untilAsserted(() -> assertThat(assetIds()).contains(id));
	}

	private String piecesHealth() {
		JsonNode health = this.rest.get()
			.uri("/actuator/health")
			.exchange((request, response) -> json.readTree(response.getBody()));
		return health.get("components").get("pieces").get("status").asString();
	}

	private List<String> assetIds() {
		List<String> ids = new ArrayList<>();
		get("/api/assets").forEach((asset) -> ids.add(asset.get("id").asString()));
		return ids;
	}

	private int status(String path) {
		return statusOf(this.rest.get().uri(path));
	}

	private static int statusOf(RestClient.RequestHeadersSpec<?> request) {
		Integer status = request.exchange((sent, response) -> response.getStatusCode().value());
		return (status != null) ? status : -1;
	}

	@Test
	void piecesEndpointShouldShowTheConnectionAndReconnectOrResyncOnRequest() {
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode pieces = get("/actuator/pieces");
			assertThat(pieces.get("baseUrl").asString()).isEqualTo(this.simulator.baseUrl());
			assertThat(pieces.get("discovery").asString()).isEqualTo("fixed (a PiecesConnectionDetails bean)");
			assertThat(pieces.get("streams").get("assets").get("connected").asBoolean()).isTrue();
			assertThat(pieces.get("caches").get("assets").get("size").asInt())
				.isEqualTo(this.simulator.state().assets().size());
			assertThat(pieces.has("copilotAnswersInFlight")).isTrue();
			assertThat(pieces.get("lastDiscovery").isArray()).as("empty with a fixed base URL").isTrue();
		});
		assertThat(get("/actuator/pieces").toString()).doesNotContain("Ada").doesNotContain("@example.com");
		JsonNode resync = read(this.rest.post().uri("/actuator/pieces/resync").retrieve().body(String.class));
		assertThat(resync.get("streams").toString()).contains("assets", "conversations").doesNotContain("qgpt");
		await().atMost(WAIT).untilAsserted(() -> assertThat(get("/actuator/pieces").get("caches").get("assets")
			.get("synced").asBoolean()).isTrue());
		JsonNode reconnect = read(this.rest.post().uri("/actuator/pieces/reconnect").retrieve().body(String.class));
		assertThat(reconnect.get("streams").size()).isEqualTo(get("/actuator/pieces").get("streams").size());
		await().atMost(WAIT).untilAsserted(() -> assertThat(get("/actuator/info").at("/pieces/piecesOs").asString())
			.isEqualTo("12.3.2"));
		assertThat(get("/actuator/info").at("/pieces/client").asString()).isNotBlank();
		Integer unknown = this.rest.post()
			.uri("/actuator/pieces/explode")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(unknown).isEqualTo(400);
	}

	private JsonNode get(String path) {
		String body = this.rest.get().uri(path).retrieve().body(String.class);
		return read(body);
	}

	private List<SseEvent> ask(String body) {
		String stream = this.rest.post()
			.uri("/api/ask")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.body(body)
			.retrieve()
			.body(String.class);
		List<SseEvent> events = SseEvent.parse((stream != null) ? stream : "");
		assertThat(events).isNotEmpty();
		return events;
	}

	private static List<SseEvent> events(List<String> lines) {
		synchronized (lines) {
			return SseEvent.parse(String.join("\n", lines));
		}
	}

	private static SseEvent last(List<SseEvent> events) {
		return events.get(events.size() - 1);
	}

	private static JsonNode read(@Nullable String body) {
		return json.readTree((body != null) ? body : "null");
	}

}
