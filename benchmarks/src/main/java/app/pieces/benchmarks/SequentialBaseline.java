package app.pieces.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import app.pieces.model.Asset;
import org.apache.tomcat.websocket.WsWebSocketContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * What the Python SDK does to hydrate its asset cache: take the first identifier frame, then
 * fetch each asset with one blocking REST call after the other (PROTOCOL.md §8, B10). Uses
 * the same JSON mapper and record types as our client, so only the strategy differs.
 */
final class SequentialBaseline {

	private SequentialBaseline() {
	}

	/**
	 * Hydrate all assets of the simulator at the given base URL.
	 * @return the hydrated assets by id
	 */
	static Map<String, Asset> hydrate(String baseUrl, String webSocketUrl, JsonMapper mapper) throws Exception {
		WsWebSocketContainer container = new WsWebSocketContainer();
		container.setDefaultMaxTextMessageBufferSize(64 * 1024 * 1024);
		StandardWebSocketClient webSocketClient = new StandardWebSocketClient(container);
		CompletableFuture<String> firstFrame = new CompletableFuture<>();
		WebSocketSession session = webSocketClient.execute(new TextWebSocketHandler() {

			@Override
			protected void handleTextMessage(WebSocketSession session, TextMessage message) {
				firstFrame.complete(message.getPayload());
			}

		}, webSocketUrl + "/assets/stream/identifiers").get(10, TimeUnit.SECONDS);
		List<String> ids = new ArrayList<>();
		try {
			for (JsonNode item : mapper.readTree(firstFrame.get(60, TimeUnit.SECONDS)).get("iterable")) {
				ids.add(item.get("asset").get("id").asString());
			}
		}
		finally {
			session.close();
			container.destroy();
		}
		Map<String, Asset> assets = new HashMap<>();
		// Java 17: HttpClient is not AutoCloseable; its selector thread ends once it is unreachable
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		for (String id : ids) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/asset/" + id))
				.header("Accept", "application/json")
				.GET()
				.build();
			HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() == 200) {
				assets.put(id, mapper.readValue(response.body(), Asset.class));
			}
		}
		return assets;
	}

}
