package app.pieces.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The websocket streams, driven with the JDK's {@link java.net.http.WebSocket}.
 */
class StreamsTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(6).conversations(3)
		// no periodic health frames: the tests read the health stream frame by frame
		.healthInterval(Duration.ZERO)
		.build();

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	private static WsProbe connect(String path) {
		return WsProbe.connect(sim().webSocketUrl(), path);
	}

	private static List<String> ids(JsonNode frame, String field) {
		List<String> ids = new ArrayList<>();
		for (JsonNode item : frame.get("iterable")) {
			ids.add(item.get(field).get("id").asString());
		}
		return ids;
	}

	@Test
	void healthStreamShouldSendOkOnConnect() {
		try (WsProbe health = connect("/.well-known/stream/health")) {
			assertThat(health.awaitMessage(0)).isEqualTo("OK");
		}
	}

	@Test
	void healthStreamWhenUnhealthyShouldSendNonOkFrameAndHealthShouldAnswer503() {
		try (WsProbe health = connect("/.well-known/stream/health")) {
			health.awaitMessage(0);
			sim().setHealthy(false);
			try {
				assertThat(health.awaitMessage(1)).isNotEmpty().doesNotStartWithIgnoringCase("ok");
				assertThat(Http.get(sim().baseUrl() + "/.well-known/health").statusCode()).isEqualTo(503);
				assertThat(Http.head(sim().baseUrl() + "/.well-known/health").statusCode()).isEqualTo(503);
			}
			finally {
				sim().setHealthy(true);
			}
			assertThat(health.awaitMessage(2)).isEqualTo("OK");
			assertThat(Http.get(sim().baseUrl() + "/.well-known/health").body()).isEqualTo("ok");
		}
	}

	@Test
	void userStreamShouldSendProfileThenAnEmptyFrameAfterLogout() {
		try (WsProbe user = connect("/user/stream")) {
			JsonNode profile = user.awaitJson(0);
			assertThat(profile.get("id").asString()).isEqualTo(DemoData.USER_ID);
			assertThat(profile.has("aesthetics")).isTrue();
			sim().logout();
			try {
				assertThat(user.awaitMessage(1)).isEmpty();
				assertThat(Http.json(Http.get(sim().baseUrl() + "/user")).has("user")).isFalse();
			}
			finally {
				sim().login();
			}
			assertThat(user.awaitJson(2).get("id").asString()).isEqualTo(DemoData.USER_ID);
		}
	}

	@Test
	void userStreamWhenSignedOutShouldSendEmptyFrameOnConnect() {
		sim().logout();
		try (WsProbe user = connect("/user/stream")) {
			assertThat(user.awaitMessage(0)).isEmpty();
		}
		finally {
			sim().login();
		}
	}

	@Test
	void assetsStreamShouldSendTheFullListOnEveryConnect() {
		List<String> expected = sim().state().assets();
		assertThat(expected).hasSize(6);
		try (WsProbe first = connect("/assets/stream/identifiers")) {
			assertThat(ids(first.awaitJson(0), "asset")).isEqualTo(expected);
		}
		try (WsProbe second = connect("/assets/stream/identifiers")) {
			assertThat(ids(second.awaitJson(0), "asset")).isEqualTo(expected);
		}
	}

	@Test
	void assetsStreamShouldSendCreateUpdateAndDeleteDeltas() {
		try (WsProbe assets = connect("/assets/stream/identifiers")) {
			assets.awaitMessage(0);
			String id = sim().createAsset("Delta test", "echo hi", "bash");
			JsonNode created = assets.awaitJson(1).get("iterable");
			assertThat(created).hasSize(1);
			assertThat(created.get(0).get("asset").get("id").asString()).isEqualTo(id);
			assertThat(created.get(0).get("deleted").asBoolean()).isFalse();
			assertThat(created.get(0).get("updated").get("value").asString()).isNotEmpty();
			sim().updateAsset(id, "Delta test, renamed");
			JsonNode updated = assets.awaitJson(2).get("iterable").get(0);
			assertThat(updated.get("asset").get("id").asString()).isEqualTo(id);
			assertThat(sim().asset(id)).hasValueSatisfying((asset) -> assertThat(asset).containsEntry("name",
					"Delta test, renamed"));
			sim().deleteAsset(id);
			JsonNode deleted = assets.awaitJson(3);
			assertThat(Json.write(deleted)).isEqualTo("{\"iterable\":[{\"asset\":{\"id\":\"" + id
					+ "\"},\"deleted\":true}]}");
			assertThat(Http.get(sim().baseUrl() + "/asset/" + id).statusCode()).isEqualTo(410);
		}
	}

	@Test
	void silentMutationsShouldChangeStateWithoutEmittingFrames() {
		try (WsProbe assets = connect("/assets/stream/identifiers")) {
			assets.awaitMessage(0);
			String silent = sim().createAsset("Silent", "x = 1", "py", true);
			assertThat(sim().state().assets()).contains(silent);
			sim().updateAsset(silent, "Silent, renamed", true);
			String loud = sim().createAsset("Loud", "y = 2", "py");
			JsonNode next = assets.awaitJson(1);
			assertThat(ids(next, "asset")).containsExactly(loud);
			sim().deleteAsset(silent, true);
			sim().deleteAsset(loud);
			assertThat(assets.awaitJson(2).get("iterable").get(0).get("deleted").asBoolean()).isTrue();
			assertThat(assets.messages).hasSize(3);
		}
	}

	@Test
	void deletingAnAssetShouldBumpAndAnnounceEveryConversationThatReferencedIt() {
		String asset = sim().createAsset("Referenced", "x = 1", "py");
		String referencing = sim().createConversation("References the asset");
		String unrelated = sim().createConversation("Does not reference the asset");
		String conversationUrl = sim().baseUrl() + "/conversation/" + referencing;
		assertThat(Http.post(conversationUrl + "/assets/associate/" + asset, "").statusCode()).isEqualTo(204);
		String updatedBefore = Http.json(Http.get(conversationUrl)).get("updated").get("value").asString();
		try (WsProbe conversations = connect("/conversations/stream/identifiers")) {
			conversations.awaitJson(0);
			sim().deleteAsset(asset);
			JsonNode delta = conversations.awaitJson(1);
			assertThat(ids(delta, "conversation")).containsExactly(referencing);
			assertThat(delta.get("iterable").get(0).get("deleted").asBoolean()).isFalse();
			JsonNode conversation = Http.json(Http.get(conversationUrl));
			assertThat(conversation.has("assets")).isFalse();
			assertThat(Instant.parse(conversation.get("updated").get("value").asString()))
				.isAfter(Instant.parse(updatedBefore));
			// the next frame is the next change: no delta for the conversation without the asset
			sim().deleteConversation(unrelated);
			assertThat(ids(conversations.awaitJson(2), "conversation")).containsExactly(unrelated);
		}
		finally {
			sim().deleteConversation(referencing);
		}
	}

	@Test
	void conversationsStreamShouldSendFullListThenDeltas() {
		List<String> expected = sim().state().conversations();
		try (WsProbe conversations = connect("/conversations/stream/identifiers")) {
			assertThat(ids(conversations.awaitJson(0), "conversation")).isEqualTo(expected);
			String id = sim().createConversation("Stream test");
			assertThat(ids(conversations.awaitJson(1), "conversation")).containsExactly(id);
			sim().updateConversation(id, "Stream test, renamed");
			assertThat(ids(conversations.awaitJson(2), "conversation")).containsExactly(id);
			sim().deleteConversation(id);
			JsonNode deleted = conversations.awaitJson(3).get("iterable").get(0);
			assertThat(deleted.get("conversation").get("id").asString()).isEqualTo(id);
			assertThat(deleted.get("deleted").asBoolean()).isTrue();
			assertThat(Http.get(sim().baseUrl() + "/conversation/" + id).statusCode()).isEqualTo(410);
		}
	}

	@Test
	void workstreamStreamsShouldListTheSeededItemsFirstAndServeEachOverRest() {
		for (String collection : List.of("anchors", "ranges", "workstream_summaries")) {
			String item = collection.equals("workstream_summaries") ? "workstream_summary"
					: collection.substring(0, collection.length() - 1);
			List<String> seeded = sim().workstreamIds(collection);
			assertThat(seeded).as(collection).isNotEmpty();
			try (WsProbe probe = connect("/" + collection + "/stream/identifiers")) {
				List<String> listed = new ArrayList<>();
				probe.awaitJson(0).get("iterable").forEach((entry) -> listed.add(entry.get(item).get("id").asString()));
				assertThat(listed).as(collection).isEqualTo(seeded);
			}
			JsonNode all = Http.json(Http.get(sim().baseUrl() + "/" + collection));
			assertThat(all.get("iterable")).as(collection).hasSize(seeded.size());
			JsonNode first = Http.json(Http.get(sim().baseUrl() + "/" + item + "/" + seeded.get(0)));
			assertThat(first.get("id").asString()).isEqualTo(seeded.get(0));
			assertThat(first.has("created") && first.has("updated") && first.has("schema")).as(item).isTrue();
			assertThat(Http.get(sim().baseUrl() + "/" + item + "/no-such-id").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void workstreamChangesShouldArriveAsDeltasAndDeletedItemsAnswerGone() {
		try (WsProbe anchors = connect("/anchors/stream/identifiers")) {
			anchors.awaitMessage(0);
			String id = Http.json(Http.post(sim().baseUrl() + "/__simulator/anchors", "{\"name\":\"/home/dev/app/README.md\"}"))
				.get("id")
				.asString();
			JsonNode created = anchors.awaitJson(1).get("iterable").get(0);
			assertThat(created.get("anchor").get("id").asString()).isEqualTo(id);
			assertThat(Http.json(Http.get(sim().baseUrl() + "/anchor/" + id)).get("type").asString()).isEqualTo("FILE");
			assertThat(Http.delete(sim().baseUrl() + "/__simulator/anchors/" + id).statusCode()).isEqualTo(204);
			JsonNode deleted = anchors.awaitJson(2).get("iterable").get(0);
			assertThat(deleted.get("deleted").asBoolean()).isTrue();
			assertThat(Http.get(sim().baseUrl() + "/anchor/" + id).statusCode()).isEqualTo(410);
		}
	}

	@Test
	void visionStatusStreamShouldSendTheStatusOnConnect() {
		try (WsProbe vision = connect("/workstream_pattern_engine/processors/vision/status/stream")) {
			JsonNode status = vision.awaitJson(0);
			assertThat(status.get("vision").has("activation")).isTrue();
			assertThat(status).isEqualTo(Http.json(
					Http.get(sim().baseUrl() + "/workstream_pattern_engine/processors/vision/status")));
		}
	}

	@Test
	void sendRawFrameShouldReachEveryOpenSessionOfThatStreamOnly() {
		try (WsProbe first = connect("/assets/stream/identifiers");
				WsProbe second = connect("/assets/stream/identifiers");
				WsProbe health = connect("/.well-known/stream/health")) {
			first.awaitMessage(0);
			second.awaitMessage(0);
			health.awaitMessage(0);
			await().until(() -> sim().openSessions("assets") == 2);
			assertThat(sim().sendRawFrame("assets", "{not json")).isEqualTo(2);
			assertThat(first.awaitMessage(1)).isEqualTo("{not json");
			assertThat(second.awaitMessage(1)).isEqualTo("{not json");
			sim().sendRawFrame("health", "OK");
			assertThat(health.awaitMessage(1)).isEqualTo("OK");
			assertThat(first.messages).hasSize(2);
		}
	}

	@Test
	void openSessionsShouldFollowConnectsAndDisconnects() {
		await().until(() -> sim().openSessions("user") == 0);
		WsProbe user = connect("/user/stream");
		user.awaitMessage(0);
		assertThat(sim().openSessions("user")).isEqualTo(1);
		user.close();
		await().until(() -> sim().openSessions("user") == 0);
	}

}
