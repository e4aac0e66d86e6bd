package app.pieces.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
		ProxySelector original = ProxySelector.getDefault();
		AtomicInteger asked = new AtomicInteger();
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
		try (PiecesClient client = PiecesClient.builder().baseUrl(pieces.simulator().baseUrl()).build()) {
			assertThat(client.version()).isEqualTo("12.3.2");
			assertThat(asked.get()).as("the JVM's proxy selector was not even asked").isZero();
		}
		finally {
			ProxySelector.setDefault(original);
		}
	}

}
