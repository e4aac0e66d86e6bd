package app.pieces.simulator;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Pieces OS REST endpoints, called with the JDK's {@link java.net.http.HttpClient}.
 */
class RestEndpointsTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(12).conversations(3).build();

	private static PiecesOsSimulator sim() {
		return pieces.simulator();
	}

	private static String url(String path) {
		return sim().baseUrl() + path;
	}

	@Test
	void healthHeadShouldAnswer200WithPlainTextAndNoBody() {
		HttpResponse<String> response = Http.head(url("/.well-known/health"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain"));
	}

	@Test
	void healthGetShouldAnswerOk() {
		HttpResponse<String> response = Http.get(url("/.well-known/health"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("ok");
	}

	@Test
	void versionShouldBeSettableIncludingDebug() {
		assertThat(Http.get(url("/.well-known/version")).body()).isEqualTo("12.3.2");
		sim().setVersion("debug");
		try {
			assertThat(Http.get(url("/.well-known/version")).body()).isEqualTo("debug");
			assertThat(sim().state().version()).isEqualTo("debug");
		}
		finally {
			sim().setVersion("12.3.2");
		}
	}

	@Test
	void connectShouldReturnAnApplicationIdAndRejectABodyWithoutApplication() {
		JsonNode context = Http.json(Http.post(url("/connect"),
				"{\"application\":{\"name\":\"PIECES_FOR_DEVELOPERS_CLI\",\"platform\":\"MACOS\",\"version\":\"1.0.0\"}}"));
		assertThat(context.get("application").get("id").asString()).isNotEmpty();
		assertThat(context.get("application").get("name").asString()).isEqualTo("PIECES_FOR_DEVELOPERS_CLI");
		assertThat(context.get("os").asString()).isEqualTo(DemoData.OS_ID);
		assertThat(Http.post(url("/connect"), "{}").statusCode()).isEqualTo(400);
		assertThat(Http.post(url("/connect"), "not json").statusCode()).isEqualTo(400);
	}

	@Test
	void modelsShouldOfferTheCloudGpt35ChatModel() {
		JsonNode models = Http.json(Http.get(url("/models")));
		assertThat(models.get("iterable")).anySatisfy((model) -> {
			assertThat(model.get("name").asString()).isEqualTo("GPT-3.5-turbo Chat Model");
			assertThat(model.get("cloud").asBoolean()).isTrue();
		});
	}

	@Test
	void assetSnapshotShouldCarryRawCodeAndOmitItWithoutTransferables() {
		String id = sim().state().assets().get(5);
		JsonNode asset = Http.json(Http.get(url("/asset/" + id)));
		assertThat(asset.get("original").get("reference").get("fragment").get("string").get("raw").asString())
			.isNotBlank();
		assertThat(asset.get("formats").get("iterable").get(0).get("classification").get("specific").asString())
			.isNotBlank();
		JsonNode light = Http.json(Http.get(url("/asset/" + id + "?transferables=false")));
		assertThat(light.get("original").get("reference").has("fragment")).isFalse();
		String formatId = asset.get("original").get("id").asString();
		JsonNode format = Http.json(Http.get(url("/format/" + formatId + "?transferable=true")));
		assertThat(format.get("asset").get("id").asString()).isEqualTo(id);
	}

	@Test
	void assetsSnapshotShouldListEveryAssetAsItsOwnSnapshotDoes() {
		JsonNode assets = Http.json(Http.get(url("/assets?transferables=false")));
		assertThat(assets.get("iterable")).hasSize(sim().state().assets().size());
		for (JsonNode asset : assets.get("iterable")) {
			String id = asset.get("id").asString();
			assertThat(asset).isEqualTo(Http.json(Http.get(url("/asset/" + id + "?transferables=false"))));
		}
		JsonNode full = Http.json(Http.get(url("/assets")));
		assertThat(full.get("iterable").get(0).get("original").get("reference").has("fragment")).isTrue();
	}

	@Test
	void conversationsSnapshotShouldListEveryConversation() {
		JsonNode conversations = Http.json(Http.get(url("/conversations?transferables=false")));
		assertThat(conversations.get("iterable")).extracting((conversation) -> conversation.get("id").asString())
			.containsExactlyInAnyOrderElementsOf(sim().state().conversations());
	}

	@Test
	void refusedSnapshotsShouldAnswer404UntilSwitchedOnAgain() {
		assertThat(Http.post(url("/__simulator/bulk?refused=true"), "").statusCode()).isEqualTo(204);
		try {
			assertThat(Http.get(url("/assets")).statusCode()).isEqualTo(404);
			assertThat(Http.get(url("/conversations")).statusCode()).isEqualTo(404);
		}
		finally {
			sim().setBulkRefused(false);
		}
		assertThat(Http.get(url("/assets")).statusCode()).isEqualTo(200);
	}

	@Test
	void aCutSnapshotShouldDropTheConnectionMidAnswerOnce() {
		assertThat(Http.post(url("/__simulator/bulk?cutAfter=3"), "").statusCode()).isEqualTo(204);
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> Http.get(url("/assets")));
		assertThat(Http.json(Http.get(url("/assets"))).get("iterable")).hasSize(sim().state().assets().size());
		assertThat(Http.post(url("/__simulator/bulk?cutAfter=many"), "").statusCode()).isEqualTo(400);
	}

	@Test
	void seededAssetsShouldSpanSeveralLanguages() {
		assertThat(sim().state().assets().stream()
			.map((id) -> Http.json(Http.get(url("/asset/" + id))))
			.map((asset) -> asset.get("original").get("reference").get("classification").get("specific").asString())
			.distinct()).hasSizeGreaterThanOrEqualTo(5);
	}

	@Test
	void snapshotOfADeletedAssetShouldAnswer410AndOfAnUnknownOne404() {
		String id = sim().createAsset("Short-lived", "let x = 1;", "js");
		assertThat(Http.get(url("/asset/" + id)).statusCode()).isEqualTo(200);
		sim().deleteAsset(id);
		assertThat(Http.get(url("/asset/" + id)).statusCode()).isEqualTo(410);
		assertThat(Http.get(url("/asset/11111111-2222-3333-4444-555555555555")).statusCode()).isEqualTo(404);
		assertThat(sim().asset(id)).isEmpty();
	}

	@Test
	void snapshotOfADeletedConversationShouldAnswer410AndOfAnUnknownOne404() {
		String id = sim().createConversation("Short-lived chat");
		assertThat(Http.get(url("/conversation/" + id)).statusCode()).isEqualTo(200);
		sim().deleteConversation(id);
		assertThat(Http.get(url("/conversation/" + id)).statusCode()).isEqualTo(410);
		assertThat(Http.get(url("/conversation/11111111-2222-3333-4444-555555555555")).statusCode()).isEqualTo(404);
	}

	@Test
	void createConversationShouldRequireATypeAndReturnTheConversation() {
		HttpResponse<String> created = Http.post(url("/conversations/create?transferables=false"),
				"{\"name\":\"New Conversation\",\"type\":\"COPILOT\"}");
		assertThat(created.statusCode()).isEqualTo(200);
		JsonNode conversation = Http.json(created);
		assertThat(conversation.get("type").asString()).isEqualTo("COPILOT");
		assertThat(conversation.get("messages").get("iterable")).isEmpty();
		assertThat(sim().state().conversations()).contains(conversation.get("id").asString());
		assertThat(Http.post(url("/conversations/create"), "{\"name\":\"x\"}").statusCode()).isEqualTo(400);
	}

	@Test
	void associateAndDisassociateShouldChangeTheConversationAssets() {
		String conversation = sim().createConversation("Association");
		String asset = sim().state().assets().get(3);
		assertThat(Http.post(url("/conversation/" + conversation + "/assets/associate/" + asset), "").statusCode())
			.isEqualTo(204);
		JsonNode associated = Http.json(Http.get(url("/conversation/" + conversation)));
		assertThat(associated.get("assets").get("iterable").get(0).get("id").asString()).isEqualTo(asset);
		assertThat(Http.post(url("/conversation/" + conversation + "/assets/disassociate/" + asset), "")
			.statusCode()).isEqualTo(204);
		assertThat(Http.json(Http.get(url("/conversation/" + conversation))).has("assets")).isFalse();
		assertThat(Http.post(url("/conversation/" + conversation + "/assets/associate/nope"), "").statusCode())
			.isEqualTo(404);
	}

	@Test
	void wrongMethodShouldAnswer405AndUnknownPaths404() {
		assertThat(Http.post(url("/.well-known/health"), "").statusCode()).isEqualTo(405);
		assertThat(Http.delete(url("/asset/x")).statusCode()).isEqualTo(405);
		assertThat(Http.get(url("/no/such/thing")).statusCode()).isEqualTo(404);
	}

	@Test
	void restRequestsShouldCountRequestsByPathPrefix() {
		String id = sim().state().assets().get(0);
		long before = sim().restRequests("/asset/");
		Http.get(url("/asset/" + id));
		Http.get(url("/asset/" + id));
		assertThat(sim().restRequests("/asset/")).isEqualTo(before + 2);
		assertThat(sim().restRequests("/asset/" + id)).isGreaterThanOrEqualTo(2);
	}

	@Test
	void restLatencyShouldBeAddedToSnapshotCalls() {
		sim().setRestLatency(Duration.ofMillis(300));
		try {
			long start = System.nanoTime();
			Http.get(url("/user"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		}
		finally {
			sim().setRestLatency(Duration.ZERO);
		}
	}

}
