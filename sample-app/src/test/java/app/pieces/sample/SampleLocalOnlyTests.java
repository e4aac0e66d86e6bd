package app.pieces.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import app.pieces.simulator.PiecesOsSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample is safe on a developer's laptop: it listens on loopback only, answers loopback host names only (a
 * DNS-rebinding page cannot read the snippets), and its API refuses what a browser marks as coming from another
 * site (an {@code <img>} or a form cannot ask the copilot or change the library), while its own page and curl work.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class SampleLocalOnlyTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Value("${server.address}")
	private String address;

	@org.springframework.beans.factory.annotation.Autowired
	private PiecesOsSimulator simulator;

	@Test
	void serverShouldListenOnLoopbackOnly() {
		assertThat(this.address).isEqualTo("127.0.0.1");
	}

	@Test
	void rebindingHostNameShouldBeRefused() throws Exception {
		HttpResponse<String> rebound = get("/api/assets", "Host", "attacker.example:" + this.port);
		assertThat(rebound.statusCode()).isEqualTo(403);
		assertThat(rebound.body()).contains("localhost only").doesNotContain("Retry with exponential backoff");
		assertThat(get("/api/status", "Host", "evil.test").statusCode()).isEqualTo(403);
		assertThat(get("/api/assets", "Host", "localhost:" + this.port).statusCode()).isEqualTo(200);
		assertThat(get("/api/assets", "Host", "127.0.0.1:" + this.port).statusCode()).isEqualTo(200);
	}

	@Test
	void crossSiteRequestsShouldNotReachTheApi() throws Exception {
		int conversations = this.simulator.state().conversations().size();
		// what an <img src="http://localhost:8080/api/chat/stream?question=..."> on another site sends
		assertThat(get("/api/chat/stream?question=Leak", "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
		HttpResponse<String> form = send(HttpRequest.newBuilder(uri("/api/assets"))
			.header("Content-Type", "application/json")
			.header("Origin", "https://attacker.example")
			.POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"planted\"}")));
		assertThat(form.statusCode()).isEqualTo(403);
		assertThat(this.simulator.state().conversations()).hasSize(conversations);
		// the sample's own page, and curl
		assertThat(get("/api/status", "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(200);
		assertThat(get("/api/status", "Origin", "http://127.0.0.1:" + this.port).statusCode()).isEqualTo(200);
		assertThat(send(HttpRequest.newBuilder(uri("/api/status")).GET()).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path, String header, String value) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		if (!header.equals("Host")) {
			request.header(header, value);
			return send(request);
		}
		// the JDK client does not let callers set Host: speak HTTP/1.1 over a socket instead
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + value + "\r\nConnection: close\r\n\r\n")
				.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			int status = Integer.parseInt(answer.substring(9, 12));
			String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
			return new FixedResponse(status, body);
		}
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/** A response read off a raw socket. */
	private record FixedResponse(int statusCode, String body) implements HttpResponse<String> {

		@Override
		public HttpRequest request() {
			throw new UnsupportedOperationException();
		}

		@Override
		public java.util.Optional<HttpResponse<String>> previousResponse() {
			return java.util.Optional.empty();
		}

		@Override
		public java.net.http.HttpHeaders headers() {
			return java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true);
		}

		@Override
		public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
			return java.util.Optional.empty();
		}

		@Override
		public URI uri() {
			throw new UnsupportedOperationException();
		}

		@Override
		public HttpClient.Version version() {
			return HttpClient.Version.HTTP_1_1;
		}

	}

}
