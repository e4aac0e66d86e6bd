package app.pieces.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import app.pieces.simulator.PiecesOsSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests to the local Pieces OS never go through a proxy, even when the JVM's default proxy selector sends
 * everything to one (a proxy would see the user's snippets and copilot traffic).
 */
class PiecesClientProxyTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().build();

	@Test
	void loopbackRequestsShouldBypassTheJvmsProxy() {
		AtomicInteger asked = new AtomicInteger();
		withJvmProxy(asked, () -> {
			try (PiecesClient client = PiecesClient.builder().baseUrl(pieces.simulator().baseUrl()).build()) {
				assertThat(client.version()).isEqualTo("12.3.2");
			}
		});
		assertThat(asked.get()).as("the JVM's proxy selector was not even asked").isZero();
	}

	@Test
	void clientsBuiltFromItsHttpClientBuilderShouldBypassTheJvmsProxyAndDeferTls() throws Exception {
		HttpClient http = PiecesClient.httpClientBuilder().build();
		assertThat(http.sslContext()).isInstanceOf(DeferredSslContext.class);
		AtomicInteger asked = new AtomicInteger();
		AtomicReference<HttpResponse<String>> response = new AtomicReference<>();
		withJvmProxy(asked, () -> response.set(http.send(HttpRequest.newBuilder(
				URI.create(pieces.simulator().baseUrl() + "/.well-known/version")).build(), BodyHandlers.ofString())));
		assertThat(response.get().statusCode()).isEqualTo(200);
		assertThat(response.get().body()).isEqualTo("12.3.2");
		assertThat(asked.get()).as("the JVM's proxy selector was not even asked").isZero();
	}

	/** Run with the JVM's default proxy selector sending everything to a proxy that is not there. */
	private static void withJvmProxy(AtomicInteger asked, ThrowingRunnable action) {
		ProxySelector original = ProxySelector.getDefault();
		ProxySelector.setDefault(new ProxySelector() {

			@Override
			public List<Proxy> select(URI uri) {
				asked.incrementAndGet();
				// nothing listens there: a request sent through it would fail
				return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 1)));
			}

			@Override
			public void connectFailed(URI uri, SocketAddress address, IOException failure) {
			}

		});
		try {
			action.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			ProxySelector.setDefault(original);
		}
	}

	private interface ThrowingRunnable {

		void run() throws Exception;

	}

}
