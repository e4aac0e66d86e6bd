package app.pieces.sample.ai;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/**
 * The test client of the sample app's AI endpoints: error statuses are answers to assert on, not exceptions.
 */
final class AppClient {

	private AppClient() {
	}

	static RestClient on(int port) {
		return RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

}
