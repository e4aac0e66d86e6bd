package app.pieces.simulator;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP control plane under {@code /__simulator}, the contract for tests in other processes.
 */
class ControlPlaneTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(4).conversations(2)
		// no periodic health frames: the tests read the health stream frame by frame
		.healthInterval(Duration.ZERO)
		.build();

	private static String url(String path) {
		return pieces.simulator().baseUrl() + "/__simulator" + path;
	}

	private static WsProbe connect(String path) {
		return WsProbe.connect(pieces.simulator().webSocketUrl(), path);
	}

	@Test
	void stateShouldListIdsUserHealthAndVersion() {
		JsonNode state = Http.json(Http.get(url("/state")));
		SimulatorState expected = pieces.simulator().state();
		assertThat(state.get("assets").toString()).contains(DemoData.FIXTURE_ASSET_IDS);
		assertThat(state.get("assets")).hasSize(expected.assets().size());
		assertThat(state.get("conversations").toString()).contains(DemoData.FIXTURE_CONVERSATION_IDS);
		assertThat(state.get("conversations")).hasSize(expected.conversations().size());
		assertThat(state.get("user").get("id").asString()).isEqualTo(DemoData.USER_ID);
		assertThat(state.get("healthy").asBoolean()).isTrue();
		assertThat(state.get("version").asString()).isEqualTo("12.3.2");
	}

	@Test
	void assetMutationsShouldReturnTheAssetAndEmitDeltas() {
		try (WsProbe assets = connect("/assets/stream/identifiers")) {
			assets.awaitMessage(0);
			HttpResponse<String> created = Http.post(url("/assets"),
					"{\"name\":\"From curl\",\"text\":\"print('hi')\",\"language\":\"python\"}");
			assertThat(created.statusCode()).isEqualTo(200);
			JsonNode asset = Http.json(created);
			String id = asset.get("id").asString();
			assertThat(asset.get("original").get("reference").get("classification").get("specific").asString())
				.isEqualTo("py");
			assertThat(assets.awaitJson(1).get("iterable").get(0).get("asset").get("id").asString()).isEqualTo(id);
			HttpResponse<String> updated = Http.put(url("/assets/" + id), "{\"name\":\"Renamed from curl\"}");
			assertThat(Http.json(updated).get("name").asString()).isEqualTo("Renamed from curl");
			assertThat(assets.awaitJson(2).get("iterable").get(0).get("asset").get("id").asString()).isEqualTo(id);
			assertThat(Http.delete(url("/assets/" + id)).statusCode()).isEqualTo(204);
			assertThat(assets.awaitJson(3).get("iterable").get(0).get("deleted").asBoolean()).isTrue();
			assertThat(Http.delete(url("/assets/" + id)).statusCode()).isEqualTo(410);
			assertThat(Http.post(url("/assets"), "{\"name\":\"no text\"}").statusCode()).isEqualTo(400);
		}
	}

	@Test
	void silentMutationsShouldNotEmitFrames() {
		try (WsProbe assets = connect("/assets/stream/identifiers")) {
			assets.awaitMessage(0);
			String silent = Http.json(Http.post(url("/assets?silent=true"),
					"{\"name\":\"Quiet\",\"text\":\"x\",\"language\":\"txt\"}")).get("id").asString();
			assertThat(Http.json(Http.get(url("/state"))).get("assets").toString()).contains(silent);
			Http.delete(url("/assets/" + silent + "?silent=true"));
			String loud = Http.json(Http.post(url("/assets"), "{\"name\":\"Loud\",\"text\":\"y\",\"language\":\"txt\"}"))
				.get("id")
				.asString();
			assertThat(assets.awaitJson(1).get("iterable").get(0).get("asset").get("id").asString()).isEqualTo(loud);
			Http.delete(url("/assets/" + loud));
		}
	}

	@Test
	void conversationMutationsShouldReturnTheConversationAndEmitDeltas() {
		try (WsProbe conversations = connect("/conversations/stream/identifiers")) {
			conversations.awaitMessage(0);
			JsonNode created = Http.json(Http.post(url("/conversations"), "{\"name\":\"From curl\"}"));
			String id = created.get("id").asString();
			assertThat(created.get("type").asString()).isEqualTo("COPILOT");
			assertThat(conversations.awaitJson(1).get("iterable").get(0).get("conversation").get("id").asString())
				.isEqualTo(id);
			assertThat(Http.json(Http.put(url("/conversations/" + id), "{\"name\":\"Renamed\"}")).get("name").asString())
				.isEqualTo("Renamed");
			conversations.awaitMessage(2);
			assertThat(Http.delete(url("/conversations/" + id)).statusCode()).isEqualTo(204);
			assertThat(conversations.awaitJson(3).get("iterable").get(0).get("deleted").asBoolean()).isTrue();
			assertThat(Http.put(url("/conversations/unknown"), "{\"name\":\"x\"}").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void loginAndLogoutShouldDriveTheUserStream() {
		try (WsProbe user = connect("/user/stream")) {
			user.awaitMessage(0);
			assertThat(Http.post(url("/user/logout"), "").statusCode()).isEqualTo(204);
			assertThat(user.awaitMessage(1)).isEmpty();
			assertThat(Http.json(Http.get(url("/state"))).get("user").isNull()).isTrue();
			assertThat(Http.post(url("/user/login"), "").statusCode()).isEqualTo(204);
			assertThat(user.awaitJson(2).get("id").asString()).isEqualTo(DemoData.USER_ID);
		}
	}

	@Test
	void healthSwitchShouldDriveHealthEndpointAndStream() {
		try (WsProbe health = connect("/.well-known/stream/health")) {
			health.awaitMessage(0);
			assertThat(Http.post(url("/health?healthy=false"), "").statusCode()).isEqualTo(204);
			assertThat(health.awaitMessage(1)).isNotEqualTo("OK");
			assertThat(Http.get(pieces.simulator().baseUrl() + "/.well-known/health").statusCode()).isEqualTo(503);
			assertThat(Http.json(Http.get(url("/state"))).get("healthy").asBoolean()).isFalse();
			Http.post(url("/health?healthy=true"), "");
			assertThat(health.awaitMessage(2)).isEqualTo("OK");
			assertThat(Http.post(url("/health?healthy=maybe"), "").statusCode()).isEqualTo(400);
		}
	}

	@Test
	void framesShouldBeSentAsIsToEveryOpenSessionOfTheStream() {
		try (WsProbe conversations = connect("/conversations/stream/identifiers")) {
			conversations.awaitMessage(0);
			HttpResponse<String> sent = Http.post(url("/frames/conversations"), "{\"iterable\":[{\"oops\":1}]}");
			assertThat(Http.json(sent).get("sessions").asInt()).isEqualTo(1);
			assertThat(conversations.awaitMessage(1)).isEqualTo("{\"iterable\":[{\"oops\":1}]}");
			assertThat(Http.post(url("/frames/nonsense"), "x").statusCode()).isEqualTo(400);
		}
	}

	@Test
	void replacedFirstFrameShouldBeSentOnTheNextConnectionOnly() {
		pieces.simulator().replaceNextFirstFrame("assets", "null");
		try (WsProbe first = connect("/assets/stream/identifiers")) {
			assertThat(first.awaitMessage(0)).isEqualTo("null");
		}
		try (WsProbe second = connect("/assets/stream/identifiers")) {
			assertThat(second.awaitJson(0).get("iterable").size()).isEqualTo(pieces.simulator().state().assets().size());
		}
	}

	@Test
	void latencyShouldBeSettableAndValidated() {
		assertThat(Http.post(url("/latency?rest=PT0.002S"), "").statusCode()).isEqualTo(204);
		assertThat(Http.post(url("/latency?rest=soon"), "").statusCode()).isEqualTo(400);
		assertThat(Http.post(url("/latency?rest=PT0S"), "").statusCode()).isEqualTo(204);
	}

	@Test
	void copilotControlsShouldScriptTheNextAnswer() {
		assertThat(Http.post(url("/copilot/fail?statusCode=429&errorMessage=RateLimited"), "").statusCode())
			.isEqualTo(204);
		try (WsProbe qgpt = connect("/qgpt/stream")) {
			qgpt.send("{\"request\":\"r1\",\"relevance\":{\"query\":\"hi\"}}");
			JsonNode failed = qgpt.awaitJson(0);
			assertThat(failed.get("status").asString()).isEqualTo("FAILED");
			assertThat(failed.get("statusCode").asInt()).isEqualTo(429);
			assertThat(failed.get("errorMessage").asString()).isEqualTo("RateLimited");
			JsonNode inputs = Http.json(Http.get(url("/copilot/inputs")));
			assertThat(inputs.get(0).asString()).contains("\"r1\"");
			assertThat(Http.post(url("/copilot/reset"), "").statusCode()).isEqualTo(204);
			assertThat(Http.json(Http.get(url("/copilot/inputs")))).isEmpty();
		}
	}

	@Test
	void sessionsAndRequestsShouldReportCounts() {
		try (WsProbe health = connect("/.well-known/stream/health")) {
			health.awaitMessage(0);
			assertThat(Http.json(Http.get(url("/sessions"))).get("health").asInt()).isEqualTo(1);
		}
		Http.get(pieces.simulator().baseUrl() + "/models");
		assertThat(Http.json(Http.get(url("/requests?prefix=/models"))).get("count").asLong()).isPositive();
	}

}
