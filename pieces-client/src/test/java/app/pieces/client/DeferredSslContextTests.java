package app.pieces.client;

import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The HTTP client's TLS context is the JVM's default, set up only when a connection needs TLS.
 */
class DeferredSslContextTests {

	@Test
	void buildingAnHttpClientShouldNotSetTheContextUp() {
		AtomicInteger setUps = new AtomicInteger();
		DeferredSslContext context = countingSetUps(setUps);
		HttpClient client = HttpClient.newBuilder()
			.sslContext(context)
			.sslParameters(DeferredSslContext.parameters())
			.build();
		assertThat(client.sslContext()).isSameAs(context);
		assertThat(setUps).hasValue(0);
	}

	@Test
	void firstEngineShouldSetTheDefaultContextUpOnceAndKeepItsProtocolsAndCipherSuites() {
		AtomicInteger setUps = new AtomicInteger();
		DeferredSslContext context = countingSetUps(setUps);
		SSLEngine engine = context.createSSLEngine("127.0.0.1", 39300);
		context.createSSLEngine();
		SSLEngine reference = defaultContext().createSSLEngine("127.0.0.1", 39300);
		assertThat(setUps).hasValue(1);
		assertThat(engine.getEnabledProtocols()).containsExactly(reference.getEnabledProtocols());
		assertThat(engine.getEnabledCipherSuites()).containsExactly(reference.getEnabledCipherSuites());
		// what the HTTP client applies to each engine changes none of them
		engine.setSSLParameters(DeferredSslContext.parameters());
		assertThat(engine.getEnabledProtocols()).containsExactly(reference.getEnabledProtocols());
		assertThat(engine.getEnabledCipherSuites()).containsExactly(reference.getEnabledCipherSuites());
		assertThat(context.getDefaultSSLParameters().getProtocols())
			.containsExactly(defaultContext().getDefaultSSLParameters().getProtocols());
	}

	@Test
	void contextShouldRefuseToBeInitialisedAgain() {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> new DeferredSslContext().init(null, null, null))
			.withMessageContaining("javax.net.ssl system properties");
	}

	private static DeferredSslContext countingSetUps(AtomicInteger setUps) {
		return new DeferredSslContext(() -> {
			setUps.incrementAndGet();
			return defaultContext();
		});
	}

	private static SSLContext defaultContext() {
		try {
			return SSLContext.getDefault();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
