package app.pieces.client;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import app.pieces.simulator.PiecesOsSimulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Responses the simulator never sends (server errors, broken JSON), produced by an interceptor in front of it.
 */
class PiecesClientErrorTests {

	private static final String SNAPSHOT_ASSET = "f5f080e2-45ea-4b2e-aaad-32990dd359a6";

	private static PiecesOsSimulator simulator;

	private static PiecesClient client;

	private static final AtomicReference<@Nullable FakeResponse> replacement = new AtomicReference<>();

	@BeforeAll
	static void start() {
		simulator = PiecesOsSimulator.builder().healthInterval(Duration.ZERO).start();
		client = PiecesClient.builder()
			.baseUrl(simulator.baseUrl())
			.restClientCustomizer((builder) -> builder.requestInterceptor((request, body, execution) -> {
				ClientHttpResponse real = execution.execute(request, body);
				FakeResponse fake = replacement.get();
				if (fake == null) {
					return real;
				}
				real.close();
				return fake;
			}))
			.build();
	}

	@AfterAll
	static void stop() {
		client.close();
		simulator.close();
	}

	@AfterEach
	void reset() {
		replacement.set(null);
	}

	@Test
	void serverErrorShouldBeAnApiExceptionWithItsStatus() {
		replacement.set(new FakeResponse(503, MediaType.TEXT_PLAIN, "overloaded"));
		assertThatExceptionOfType(PiecesApiException.class).isThrownBy(() -> client.asset(SNAPSHOT_ASSET))
			.isNotInstanceOf(PiecesNotFoundException.class)
			.withMessageContaining("GET /asset/" + SNAPSHOT_ASSET)
			.withMessageContaining("503")
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(503));
	}

	@Test
	void brokenJsonShouldBeAnApiExceptionNamingTheCallAndTheType() {
		replacement.set(new FakeResponse(200, MediaType.APPLICATION_JSON, "{\"id\":\"a1\",\"name\":"));
		assertThatExceptionOfType(PiecesApiException.class).isThrownBy(() -> client.asset(SNAPSHOT_ASSET))
			.withMessageContaining("Cannot decode the response of GET /asset/" + SNAPSHOT_ASSET + " as Asset");
	}

	@Test
	void jsonOfTheWrongShapeShouldBeAnApiException() {
		replacement.set(new FakeResponse(200, MediaType.APPLICATION_JSON, "[1,2,3]"));
		assertThatExceptionOfType(PiecesApiException.class).isThrownBy(client::models)
			.withMessageContaining("as Models");
		replacement.set(new FakeResponse(200, MediaType.APPLICATION_JSON, "{\"name\":\"no id\"}"));
		assertThatExceptionOfType(PiecesApiException.class).isThrownBy(() -> client.conversation("c1"))
			.withMessageContaining("Conversation.id is required");
	}

	@Test
	void emptyBodyWhereAnObjectIsRequiredShouldBeAnApiException() {
		replacement.set(new FakeResponse(200, MediaType.APPLICATION_JSON, ""));
		assertThatExceptionOfType(PiecesApiException.class).isThrownBy(() -> client.asset(SNAPSHOT_ASSET))
			.withMessageContaining("empty body");
		assertThat(client.user()).isEmpty();
	}

	@Test
	void unexpectedFieldsAndEnumValuesFromANewerPiecesOsShouldStillDecode() {
		replacement.set(new FakeResponse(200, MediaType.APPLICATION_JSON, """
				{"id":"a1","mechanism":"QUANTUM","created":{"value":"2031-01-01T00:00:00.123456Z"},
				 "hologram":{"depth":3},"formats":{"iterable":[null]}}
				"""));
		assertThat(client.asset("a1")).satisfies((asset) -> {
			assertThat(asset.mechanism()).hasToString("UNKNOWN");
			assertThat(asset.createdAt()).hasToString("2031-01-01T00:00:00.123456Z");
			assertThat(asset.raw().at("/hologram/depth").asInt()).isEqualTo(3);
			assertThat(asset.formats().iterable()).isEmpty();
		});
	}

	@Test
	void clientErrorWithATextReasonShouldCarryItOnOneLineWithoutEmailAddresses() {
		replacement.set(new FakeResponse(403, MediaType.TEXT_PLAIN,
				"Account ada.example+pieces@example.co.uk\nmay not use\tthis model"));
		assertThatExceptionOfType(PiecesApiException.class).isThrownBy(client::models)
			.withMessage("GET /models failed with status 403: Account <redacted> may not use this model")
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(403));
	}

	@Test
	void clientErrorWithAJsonOrLongBodyShouldKeepTheMessageShort() {
		replacement.set(new FakeResponse(400, MediaType.APPLICATION_JSON, "{\"error\":\"bad\"}"));
		assertThatExceptionOfType(PiecesApiException.class).isThrownBy(client::models)
			.withMessage("GET /models failed with status 400");
		replacement.set(new FakeResponse(400, MediaType.TEXT_PLAIN, "x".repeat(5000)));
		assertThatExceptionOfType(PiecesApiException.class).isThrownBy(client::models)
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(260).endsWith("..."));
	}

	private static final class FakeResponse implements ClientHttpResponse {

		private final int status;

		private final HttpHeaders headers = new HttpHeaders();

		private final byte[] body;

		FakeResponse(int status, MediaType contentType, String body) {
			this.status = status;
			this.body = body.getBytes(StandardCharsets.UTF_8);
			this.headers.setContentType(contentType);
			this.headers.setContentLength(this.body.length);
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(this.status);
		}

		@Override
		public String getStatusText() {
			return "fake";
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.body);
		}

		@Override
		public void close() {
		}

	}

}
