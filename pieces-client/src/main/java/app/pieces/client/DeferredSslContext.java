package app.pieces.client;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import org.jspecify.annotations.Nullable;

/**
 * The JVM's default {@link SSLContext}, set up when a TLS connection first needs it. The JDK {@code HttpClient}
 * sets up its context when it is built, and setting up the default one (the JSSE provider, the trust store and its
 * certificates) took a quarter of a second of CPU in a cold JVM, on the path of the first request to Pieces OS,
 * which speaks plain HTTP on loopback. A base URL with {@code https} gets exactly the default context, on its first
 * connection.
 * <p>
 * Build the client with {@link #parameters()} too: without parameters of its own the client asks the context for its
 * defaults, which sets it up.
 */
final class DeferredSslContext extends SSLContext {

	DeferredSslContext() {
		this(DeferredSslContext::jvmDefault);
	}

	DeferredSslContext(Supplier<SSLContext> context) {
		super(new Spi(context), null, "Default");
	}

	/**
	 * Parameters that set nothing: an engine keeps the protocols and cipher suites its context enables by default,
	 * the same the default context's parameters list; the client adds host name verification and SNI itself.
	 */
	static SSLParameters parameters() {
		return new SSLParameters();
	}

	private static SSLContext jvmDefault() {
		try {
			return SSLContext.getDefault();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JVM has no default SSLContext for HTTPS to Pieces OS", ex);
		}
	}

	private static final class Spi extends SSLContextSpi {

		private final Supplier<SSLContext> source;

		private volatile @Nullable SSLContext context;

		Spi(Supplier<SSLContext> source) {
			this.source = source;
		}

		private SSLContext context() {
			SSLContext current = this.context;
			if (current == null) {
				// SSLContext.getDefault() is itself set up once per JVM: a race only fetches it twice
				current = this.source.get();
				this.context = current;
			}
			return current;
		}

		@Override
		public void engineInit(KeyManager @Nullable [] keyManagers, TrustManager @Nullable [] trustManagers,
				@Nullable SecureRandom random) {
			throw new UnsupportedOperationException(
					"The Pieces client uses the JVM's default SSLContext, which cannot be initialised again; configure TLS "
							+ "with the javax.net.ssl system properties");
		}

		@Override
		public SSLSocketFactory engineGetSocketFactory() {
			return context().getSocketFactory();
		}

		@Override
		public SSLServerSocketFactory engineGetServerSocketFactory() {
			return context().getServerSocketFactory();
		}

		@Override
		public SSLEngine engineCreateSSLEngine() {
			return context().createSSLEngine();
		}

		@Override
		public SSLEngine engineCreateSSLEngine(String host, int port) {
			return context().createSSLEngine(host, port);
		}

		@Override
		public SSLSessionContext engineGetServerSessionContext() {
			return context().getServerSessionContext();
		}

		@Override
		public SSLSessionContext engineGetClientSessionContext() {
			return context().getClientSessionContext();
		}

		@Override
		public SSLParameters engineGetDefaultSSLParameters() {
			return context().getDefaultSSLParameters();
		}

		@Override
		public SSLParameters engineGetSupportedSSLParameters() {
			return context().getSupportedSSLParameters();
		}

	}

}
