package app.pieces.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import app.pieces.model.PiecesJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

/**
 * Builder for {@link PiecesClient}, from {@link PiecesClient#builder()}. Not thread-safe; {@link #build()} does no
 * I/O.
 */
public final class PiecesClientBuilder {

	@Nullable URI baseUrl;

	int firstPort = PiecesClient.DEFAULT_FIRST_PORT;

	int lastPort = PiecesClient.DEFAULT_LAST_PORT;

	List<Path> portFiles = defaultPortFiles();

	boolean legacyPorts = true;

	Duration connectTimeout = Duration.ofSeconds(2);

	Duration readTimeout = Duration.ofSeconds(30);

	Duration probeTimeout = Duration.ofSeconds(1);

	String applicationName = PiecesClient.DEFAULT_APPLICATION_NAME;

	String applicationVersion = PiecesClient.DEFAULT_APPLICATION_VERSION;

	boolean versionCheck = true;

	PiecesVersion minVersion = PiecesVersion.parse(PiecesClient.DEFAULT_MIN_VERSION);

	PiecesVersion maxVersion = PiecesVersion.parse(PiecesClient.DEFAULT_MAX_VERSION);

	JsonMapper jsonMapper = PiecesJson.mapper();

	Consumer<RestClient.Builder> restClientCustomizer = (restClientBuilder) -> {
	};

	PiecesClientBuilder() {
	}

	/**
	 * Use a fixed base URL and never discover.
	 * @param baseUrl the base URL, e.g. {@code http://127.0.0.1:39300}
	 * @return this builder
	 */
	public PiecesClientBuilder baseUrl(String baseUrl) {
		return baseUrl(URI.create(baseUrl.trim()));
	}

	/**
	 * Use a fixed base URL and never discover; {@code null} restores discovery.
	 * @param baseUrl the base URL, e.g. {@code http://127.0.0.1:39300}
	 * @return this builder
	 */
	public PiecesClientBuilder baseUrl(@Nullable URI baseUrl) {
		if (baseUrl == null) {
			this.baseUrl = null;
			return this;
		}
		String scheme = baseUrl.getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
				|| baseUrl.getHost() == null) {
			throw new IllegalArgumentException("Base URL must be an absolute http(s) URL: " + baseUrl);
		}
		String text = baseUrl.toString();
		while (text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		this.baseUrl = URI.create(text);
		return this;
	}

	/**
	 * Set the port range to scan (inclusive). Default 39300..39333.
	 * @param first the first port
	 * @param last the last port
	 * @return this builder
	 */
	public PiecesClientBuilder portRange(int first, int last) {
		if (first < 1 || last > 65535 || first > last) {
			throw new IllegalArgumentException("Invalid port range " + first + ".." + last);
		}
		this.firstPort = first;
		this.lastPort = last;
		return this;
	}

	/**
	 * Set the {@code .port.txt} files to read before scanning, in order. Default: the production and debug
	 * files under {@code ~/Library/com.pieces.os} (macOS) and {@code ~/Documents/com.pieces.os}
	 * (Windows/Linux).
	 * @param portFiles the files; missing files are skipped
	 * @return this builder
	 */
	public PiecesClientBuilder portFiles(List<Path> portFiles) {
		this.portFiles = List.copyOf(portFiles);
		return this;
	}

	/**
	 * Whether to try the legacy ports 1000 and 5323 when the scan finds nothing. Default {@code true}.
	 * @param legacyPorts whether to try them
	 * @return this builder
	 */
	public PiecesClientBuilder legacyPorts(boolean legacyPorts) {
		this.legacyPorts = legacyPorts;
		return this;
	}

	/**
	 * Set the TCP connect timeout. Default 2 s.
	 * @param connectTimeout the timeout
	 * @return this builder
	 */
	public PiecesClientBuilder connectTimeout(Duration connectTimeout) {
		this.connectTimeout = positive(connectTimeout, "connectTimeout");
		return this;
	}

	/**
	 * Set the timeout for a REST response. Default 30 s.
	 * @param readTimeout the timeout
	 * @return this builder
	 */
	public PiecesClientBuilder readTimeout(Duration readTimeout) {
		this.readTimeout = positive(readTimeout, "readTimeout");
		return this;
	}

	/**
	 * Set the timeout of one discovery probe ({@code HEAD /.well-known/health}) of a port file or scanned
	 * port. Default 1 s. Ports with nothing listening fail at once, so this only bounds ports that accept
	 * connections and do not answer. The known base and {@link PiecesClient#isHealthy()} are checked with the
	 * larger of this and the connect timeout.
	 * @param probeTimeout the timeout
	 * @return this builder
	 */
	public PiecesClientBuilder probeTimeout(Duration probeTimeout) {
		this.probeTimeout = positive(probeTimeout, "probeTimeout");
		return this;
	}

	/**
	 * Set the application name sent to {@code POST /connect} (an {@code ApplicationNameEnum} value). Default
	 * {@code OPEN_SOURCE}.
	 * @param applicationName the name
	 * @return this builder
	 */
	public PiecesClientBuilder applicationName(String applicationName) {
		this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
		return this;
	}

	/**
	 * Set the application version sent to {@code POST /connect}. Default {@code 0.1.0}.
	 * @param applicationVersion the version
	 * @return this builder
	 */
	public PiecesClientBuilder applicationVersion(String applicationVersion) {
		this.applicationVersion = Objects.requireNonNull(applicationVersion, "applicationVersion");
		return this;
	}

	/**
	 * Whether {@link PiecesClient#connect()} checks the Pieces OS version first. Default {@code true}.
	 * @param versionCheck whether to check
	 * @return this builder
	 */
	public PiecesClientBuilder versionCheck(boolean versionCheck) {
		this.versionCheck = versionCheck;
		return this;
	}

	/**
	 * Set the supported Pieces OS versions, {@code [minInclusive, maxExclusive)}. Default
	 * {@code [12.0.0, 13.0.0)}; {@code debug} is always accepted and qualifiers such as {@code -staging} are
	 * ignored.
	 * @param minInclusive the lowest supported version
	 * @param maxExclusive the first unsupported version
	 * @return this builder
	 */
	public PiecesClientBuilder supportedVersions(String minInclusive, String maxExclusive) {
		PiecesVersion min = PiecesVersion.parse(minInclusive);
		PiecesVersion max = PiecesVersion.parse(maxExclusive);
		if (min.compareTo(max) >= 0) {
			throw new IllegalArgumentException(
					"Empty version range [" + minInclusive + ", " + maxExclusive + ")");
		}
		this.minVersion = min;
		this.maxVersion = max;
		return this;
	}

	/**
	 * Set the mapper for JSON. Default {@link PiecesJson#mapper()}; a custom mapper should start from
	 * {@link PiecesJson#builder()} (or register {@link PiecesJson#module()}) to keep raw JSON and leniency.
	 * @param jsonMapper the mapper
	 * @return this builder
	 */
	public PiecesClientBuilder jsonMapper(JsonMapper jsonMapper) {
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
		return this;
	}

	/**
	 * Customize the {@link RestClient.Builder} after the client has configured it (request factory and
	 * {@code application} header interceptor), e.g. to add interceptors or an {@code ObservationRegistry}.
	 * May be called more than once; the customizers run in order. Discovery probes do not go through the
	 * {@link RestClient}.
	 * @param restClientCustomizer the customizer
	 * @return this builder
	 */
	public PiecesClientBuilder restClientCustomizer(Consumer<RestClient.Builder> restClientCustomizer) {
		this.restClientCustomizer = this.restClientCustomizer
			.andThen(Objects.requireNonNull(restClientCustomizer, "restClientCustomizer"));
		return this;
	}

	/**
	 * Build the client. No I/O happens here.
	 * @return the client
	 */
	public PiecesClient build() {
		return new PiecesClient(this);
	}

	/**
	 * Return the default port files: production then debug, macOS location then Windows/Linux location.
	 * @return the default port files
	 */
	public static List<Path> defaultPortFiles() {
		Path home = Path.of(System.getProperty("user.home", "."));
		List<Path> files = new ArrayList<>();
		for (String flavour : List.of("production", "debug")) {
			files.add(home.resolve("Library/com.pieces.os").resolve(flavour).resolve("Config/.port.txt"));
			files.add(home.resolve("Documents/com.pieces.os").resolve(flavour).resolve("Config/.port.txt"));
		}
		return List.copyOf(files);
	}

	private static Duration positive(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive: " + duration);
		}
		return duration;
	}

}
