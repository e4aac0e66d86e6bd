package app.pieces.ai.mcp;

import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;

import org.junit.jupiter.api.Test;

import app.pieces.client.PiecesClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP link's JDK client: one per link, set up like the REST client's.
 */
class HttpClientsTests {

	@Test
	void everyBuildShouldGiveTheOneClientUntilShutdown() {
		HttpClients clients = new HttpClients();
		HttpClient first = clients.builder().build();
		assertThat(clients.builder().build()).isSameAs(first);
		clients.shutdown();
		assertThat(clients.builder().build()).isNotSameAs(first);
		clients.shutdown();
	}

	@Test
	void clientShouldStartFromThePiecesClientBuilderSoTlsWaitsAndLoopbackGoesDirect() {
		HttpClients clients = new HttpClients();
		try {
			HttpClient client = clients.builder().build();
			// the deferred context of PiecesClient.httpClientBuilder(), not the JVM's default set up at build time
			assertThat(client.sslContext().getClass())
				.isEqualTo(PiecesClient.httpClientBuilder().build().sslContext().getClass());
			assertThat(client.proxy()).hasValueSatisfying((selector) -> assertThat(
					selector.select(URI.create("http://127.0.0.1:39300/model_context_protocol/2025-03-26/mcp")))
				.containsExactly(Proxy.NO_PROXY));
		}
		finally {
			clients.shutdown();
		}
	}

}
