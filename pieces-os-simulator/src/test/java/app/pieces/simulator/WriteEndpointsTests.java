package app.pieces.simulator;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write, search, chat and LTM endpoints over plain HTTP, with the bodies the official Python wrapper sends
 * ({@code BasicAsset._get_seed}, {@code asset_update} with the asset fetched without transferables,
 * {@code format_update_value} with the fetched format, {@code LongTermMemory.pause}).
 */
class WriteEndpointsTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(3).conversations(2).build();

	private static String url(String path) {
		return pieces.simulator().baseUrl() + path;
	}

	@Test
	void assetShouldBeCreatedRenamedChangedSearchedAndDeletedAsTheWrapperDoesIt() {
		JsonNode application = Http.json(Http.post(url("/connect"),
				"{\"application\":{\"name\":\"OPEN_SOURCE\",\"platform\":\"LINUX\",\"version\":\"1.0.0\"}}"))
			.get("application");
		String seed = "{\"type\":\"SEEDED_ASSET\",\"asset\":{\"application\":" + application
				+ ",\"format\":{\"fragment\":{\"string\":{\"raw\":\"print('wrapper')\"},\"metadata\":{\"ext\":\"py\"}}}}}";
		JsonNode created = Http.json(Http.post(url("/assets/create?transferables=false"), seed));
		String id = created.get("id").asString();
		assertThat(pieces.simulator().state().assets()).contains(id);

		JsonNode asset = Http.json(Http.get(url("/asset/" + id + "?transferables=false")));
		((ObjectNode) asset).put("name", "Renamed by the wrapper");
		assertThat(Http.json(Http.post(url("/asset/update?transferables=false"), asset.toString())).get("name")
			.asString()).isEqualTo("Renamed by the wrapper");

		String formatId = asset.get("original").get("id").asString();
		JsonNode format = Http.json(Http.get(url("/format/" + formatId + "?transferable=true")));
		((ObjectNode) format.get("fragment").get("string")).put("raw", "print('zq-wrapper-changed')");
		Http.post(url("/format/update/value?transferable=false"), format.toString());
		assertThat(Http.json(Http.get(url("/asset/" + id))).get("original").get("reference").get("fragment")
			.get("string").get("raw").asString()).isEqualTo("print('zq-wrapper-changed')");

		JsonNode hits = Http.json(Http.get(url("/search/full_text?query=zq-wrapper-changed")));
		assertThat(hits.get("iterable").get(0).get("identifier").asString()).isEqualTo(id);
		assertThat(hits.get("exact").asInt() + hits.get("suggested").asInt()).isEqualTo(hits.get("iterable").size());

		assertThat(Http.post(url("/assets/" + id + "/delete"), "").body()).isEqualTo(id);
		assertThat(pieces.simulator().state().assets()).doesNotContain(id);
		assertThat(Http.post(url("/assets/" + id + "/delete"), "").statusCode()).isEqualTo(410);
	}

	@Test
	void badSeedsShouldBeRejectedNamingTheField() {
		HttpResponse<String> blank = Http.post(url("/assets/create"),
				"{\"asset\":{\"application\":{\"id\":\"a\"},\"format\":{\"fragment\":{\"string\":{\"raw\":\" \"}}}}}");
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("SeededAsset.format.fragment.string.raw");
		HttpResponse<String> noApplication = Http.post(url("/assets/create"),
				"{\"asset\":{\"format\":{\"fragment\":{\"string\":{\"raw\":\"x\"}}}}}");
		assertThat(noApplication.statusCode()).isEqualTo(400);
		assertThat(noApplication.body()).contains("application");
	}

	@Test
	void conversationMessagesShouldComeInOrderAndAChatShouldBeRenamedAndDeleted() {
		String id = pieces.simulator().state().conversations().get(0);
		JsonNode messages = Http.json(Http.get(url("/conversation/" + id + "/messages?transferables=true")));
		assertThat(messages.get("iterable").size()).isEqualTo(pieces.simulator().conversationMessages(id).size());
		for (int i = 0; i < messages.get("iterable").size(); i++) {
			String messageId = messages.get("iterable").get(i).get("id").asString();
			assertThat(messages.get("indices").get(messageId).asInt()).isEqualTo(i);
		}
		JsonNode conversation = Http.json(Http.get(url("/conversation/" + id)));
		((ObjectNode) conversation).put("name", "Renamed chat");
		assertThat(Http.json(Http.post(url("/conversation/update?transferables=false"), conversation.toString()))
			.get("name")
			.asString()).isEqualTo("Renamed chat");
		assertThat(Http.post(url("/conversations/" + id + "/delete"), "").statusCode()).isEqualTo(204);
		assertThat(pieces.simulator().state().conversations()).doesNotContain(id);
	}

	@Test
	void ltmShouldBePausedUntilAGivenTimeAndActivatedAgain() {
		JsonNode paused = Http.json(Http.post(url("/workstream_pattern_engine/processors/vision/deactivate"),
				"{\"vision\":{\"deactivation\":{\"to\":{\"value\":\"2030-01-01T00:00:00.000Z\"}}}}"));
		assertThat(paused.get("vision").has("activation")).isFalse();
		assertThat(paused.get("vision").get("deactivation").get("to").get("value").asString())
			.isEqualTo("2030-01-01T00:00:00.000Z");
		JsonNode status = Http.json(Http.get(url("/workstream_pattern_engine/processors/vision/status")));
		assertThat(status.get("vision").has("deactivation")).isTrue();
		JsonNode active = Http.json(Http.post(url("/workstream_pattern_engine/processors/vision/activate"),
				"{\"vision\":{\"activation\":{\"continuous\":true}}}"));
		assertThat(active.get("vision").get("activation").get("continuous").asBoolean()).isTrue();
	}

}
