package app.pieces.client;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The HTTP resources of one {@link PiecesClient}: the JDK {@link HttpClient}, its executor, the
 * {@link RestClient} and the {@link PiecesApi} proxy over it. Created on first use, so an unused client owns no
 * thread; released on {@link #close()} once no call is running (on Java 17 an exchange whose executor was shut
 * down never completes, so a call running at close would hang until its read timeout).
 */
final class HttpResources {

	private static final Log logger = LogFactory.getLog(HttpResources.class);

	private static final AtomicInteger instances = new AtomicInteger();

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final JsonMapper jsonMapper;

	private final Supplier<@Nullable String> applicationId;

	private final Consumer<RestClient.Builder> restClientCustomizer;

	private final Object monitor = new Object();

	private volatile @Nullable Http http;

	/** Calls and probes running now; the resources of a closed client are released when it drops to zero. */
	private final AtomicInteger callsInFlight = new AtomicInteger();

	private @Nullable Http pendingRelease;

	private volatile boolean closed;

	HttpResources(Duration connectTimeout, Duration readTimeout, JsonMapper jsonMapper,
			Supplier<@Nullable String> applicationId, Consumer<RestClient.Builder> restClientCustomizer) {
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.jsonMapper = jsonMapper;
		this.applicationId = applicationId;
		this.restClientCustomizer = restClientCustomizer;
	}

	HttpClient httpClient() {
		return http().httpClient();
	}

	PiecesApi api() {
		return http().api();
	}

	/** The client under {@link #api()}, for the calls an HTTP interface cannot express (streamed answers). */
	RestClient restClient() {
		return http().restClient();
	}

	JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	boolean isClosed() {
		return this.closed;
	}

	/**
	 * Count a call as running; every call must be paired with {@link #callEnded()}.
	 * @throws IllegalStateException if the client is closed
	 */
	void callStarted() {
		this.callsInFlight.incrementAndGet();
		if (this.closed) {
			callEnded();
			throw new IllegalStateException("PiecesClient is closed");
		}
	}

	void callEnded() {
		if (this.callsInFlight.decrementAndGet() == 0 && this.closed) {
			releaseIfIdle();
		}
	}

	void close() {
		synchronized (this.monitor) {
			this.closed = true;
			if (this.http != null) {
				this.pendingRelease = this.http;
				this.http = null;
			}
		}
		releaseIfIdle();
	}

	private Http http() {
		Http current = this.http;
		if (current != null) {
			return current;
		}
		synchronized (this.monitor) {
			if (this.closed) {
				throw new IllegalStateException("PiecesClient is closed");
			}
			if (this.http == null) {
				this.http = createHttp();
			}
			return this.http;
		}
	}

	/**
	 * Pieces OS is local: a request to a loopback address never goes through a proxy, whatever the JVM's proxy
	 * settings say (a proxy would see the user's snippets and copilot traffic); other hosts (a fixed base URL
	 * elsewhere) follow the JVM's default proxy selector.
	 */
	private static final ProxySelector LOOPBACK_DIRECT = new ProxySelector() {

		@Override
		public List<Proxy> select(URI uri) {
			String host = uri.getHost();
			if (host == null || isLoopback(host)) {
				return List.of(Proxy.NO_PROXY);
			}
			ProxySelector fallback = ProxySelector.getDefault();
			return (fallback != null && fallback != this) ? fallback.select(uri) : List.of(Proxy.NO_PROXY);
		}

		@Override
		public void connectFailed(URI uri, SocketAddress address, IOException failure) {
			ProxySelector fallback = ProxySelector.getDefault();
			if (fallback != null && fallback != this) {
				fallback.connectFailed(uri, address, failure);
			}
		}

		private boolean isLoopback(String host) {
			String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
			return name.equalsIgnoreCase("localhost") || name.startsWith("127.") || name.equals("::1")
					|| name.equals("0:0:0:0:0:0:0:1");
		}

	};

	/**
	 * A JDK client builder for Pieces OS: loopback requests go direct, and TLS is set up only if a connection needs
	 * it (Pieces OS speaks plain HTTP).
	 */
	static HttpClient.Builder jdkClientBuilder() {
		return HttpClient.newBuilder()
			.proxy(LOOPBACK_DIRECT)
			.sslContext(new DeferredSslContext())
			.sslParameters(DeferredSslContext.parameters());
	}

	private Http createHttp() {
		ExecutorService executor = createExecutor();
		HttpClient httpClient = jdkClientBuilder().connectTimeout(this.connectTimeout)
			.executor(executor)
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient, executor);
		requestFactory.setReadTimeout(this.readTimeout);
		JacksonJsonHttpMessageConverter json = new JacksonJsonHttpMessageConverter(this.jsonMapper);
		// Pieces OS answers JSON; read a body without (or with a generic) content type as JSON too
		json.setSupportedMediaTypes(List.of(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"),
				MediaType.APPLICATION_OCTET_STREAM));
		RestClient.Builder builder = RestClient.builder()
			.requestFactory(requestFactory)
			// only what the endpoints read and write (text and JSON): the defaults would also build a mapper per
			// format on the classpath (XML, YAML, CBOR, Smile) on the first request's path
			.configureMessageConverters((converters) -> converters.withStringConverter(new StringHttpMessageConverter())
				.withJsonConverter(json))
			.requestInterceptor((request, body, execution) -> {
				String id = this.applicationId.get();
				if (id != null && !request.getHeaders().containsHeader(PiecesClient.APPLICATION_HEADER)) {
					request.getHeaders().set(PiecesClient.APPLICATION_HEADER, id);
				}
				return execution.execute(request, body);
			});
		this.restClientCustomizer.accept(builder);
		RestClient restClient = builder.build();
		PiecesApi api = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient))
			.build()
			.createClient(PiecesApi.class);
		return new Http(executor, httpClient, restClient, api);
	}

	private void releaseIfIdle() {
		Http released;
		synchronized (this.monitor) {
			if (this.callsInFlight.get() != 0) {
				return;
			}
			released = this.pendingRelease;
			this.pendingRelease = null;
		}
		if (released != null) {
			released.executor().shutdownNow();
			shutdown(released.httpClient());
		}
	}

	private static ExecutorService createExecutor() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(
				"pieces-client-" + instances.incrementAndGet() + "-http-");
		threads.setDaemon(true);
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
	}

	/**
	 * Shut the JDK HTTP client down on Java 21+ ({@code HttpClient.shutdownNow()}); on Java 17 the client has no
	 * such method and its selector thread ends once the client is garbage collected.
	 */
	private static void shutdown(HttpClient client) {
		try {
			Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
			shutdownNow.invoke(client);
		}
		catch (NoSuchMethodException ex) {
			// Java 17: nothing to call
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Could not shut the HTTP client down", ex);
		}
	}

	private record Http(ExecutorService executor, HttpClient httpClient, RestClient restClient, PiecesApi api) {
	}

}
