package app.pieces.ai.mcp;

import java.lang.reflect.Method;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import app.pieces.client.PiecesClient;

/**
 * The one JDK HTTP client of a link, shared by all its MCP sessions: the SDK's transports build a new
 * {@link HttpClient} from the builder they are given for every session and never shut it down, so a link that
 * reconnects would leave a selector thread and workers behind per session (until the old server closes its
 * streams and the client is collected). Here every build returns the same client, built on first use with the
 * settings of that first build, and {@link #shutdown()} releases it when the link closes. It starts from
 * {@link PiecesClient#httpClientBuilder()}: requests to a loopback server never go through the JVM's proxy, and TLS
 * is set up only if a connection needs it.
 */
final class HttpClients {

	private static final Log logger = LogFactory.getLog(HttpClients.class);

	private final Object monitor = new Object();

	private @Nullable HttpClient client;

	/** A builder whose build gives the shared client. */
	HttpClient.Builder builder() {
		return new Shared(PiecesClient.httpClientBuilder());
	}

	/** Release the client ({@code HttpClient.shutdownNow()} on Java 21+; on Java 17 it ends when collected). */
	void shutdown() {
		HttpClient released;
		synchronized (this.monitor) {
			released = this.client;
			this.client = null;
		}
		if (released == null) {
			return;
		}
		try {
			Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
			shutdownNow.invoke(released);
		}
		catch (NoSuchMethodException ex) {
			// Java 17: nothing to call
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Could not shut the MCP HTTP client down: " + ex);
		}
	}

	/** Delegates the settings; builds the shared client once. */
	private final class Shared implements HttpClient.Builder {

		private final HttpClient.Builder delegate;

		Shared(HttpClient.Builder delegate) {
			this.delegate = delegate;
		}

		@Override
		public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
			this.delegate.cookieHandler(cookieHandler);
			return this;
		}

		@Override
		public HttpClient.Builder connectTimeout(Duration duration) {
			this.delegate.connectTimeout(duration);
			return this;
		}

		@Override
		public HttpClient.Builder sslContext(SSLContext sslContext) {
			this.delegate.sslContext(sslContext);
			return this;
		}

		@Override
		public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
			this.delegate.sslParameters(sslParameters);
			return this;
		}

		@Override
		public HttpClient.Builder executor(Executor executor) {
			this.delegate.executor(executor);
			return this;
		}

		@Override
		public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
			this.delegate.followRedirects(policy);
			return this;
		}

		@Override
		public HttpClient.Builder version(HttpClient.Version version) {
			this.delegate.version(version);
			return this;
		}

		@Override
		public HttpClient.Builder priority(int priority) {
			this.delegate.priority(priority);
			return this;
		}

		@Override
		public HttpClient.Builder proxy(ProxySelector proxySelector) {
			this.delegate.proxy(proxySelector);
			return this;
		}

		@Override
		public HttpClient.Builder authenticator(Authenticator authenticator) {
			this.delegate.authenticator(authenticator);
			return this;
		}

		@Override
		public HttpClient build() {
			synchronized (HttpClients.this.monitor) {
				if (HttpClients.this.client == null) {
					HttpClients.this.client = this.delegate.build();
				}
				return HttpClients.this.client;
			}
		}

	}

}
