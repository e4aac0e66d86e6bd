package app.pieces.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Finds Pieces OS: a fixed base URL, or the current base while it still answers, then the port files, the port
 * range (probed in parallel, the lowest healthy port wins) and the legacy ports. "Is this Pieces OS" means
 * answering {@code HEAD /.well-known/health} with 2xx (healthy) or 5xx (up but not OK), and
 * {@code GET /.well-known/version} with a version text, as Pieces OS does: another local server on the port range
 * that answers the health path only (a dev server on 39300, say) is passed over. A base the sockets found to lack
 * Pieces OS's health stream is {@linkplain #reject rejected} and skipped for a minute. What this cannot tell apart
 * is a full proxy in front of the real Pieces OS: it answers like Pieces OS because it is relaying it.
 * Concurrent callers share one search.
 */
final class Locator {

	private static final String HEALTH_PATH = "/.well-known/health";

	private static final String VERSION_PATH = "/.well-known/version";

	/** What Pieces OS answers on its version path: {@code 12.3.2}, {@code 12.3.2-beta}, {@code debug}. */
	private static final Pattern VERSION_TEXT = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");

	private static final int VERSION_READ_LIMIT = 128;

	private static final Duration REJECTION = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(PiecesClient.class);

	private final @Nullable URI fixedBase;

	private final List<Path> portFiles;

	private final List<Integer> range;

	private final List<Integer> legacyPorts;

	private final Duration probeTimeout;

	private final Duration healthCheckTimeout;

	private final HttpResources http;

	private final AtomicReference<@Nullable URI> discovered = new AtomicReference<>();

	// base -> System.nanoTime() until which it is skipped
	private final Map<URI, Long> rejected = new ConcurrentHashMap<>();

	// bases already said (at INFO) not to be Pieces OS, so a retrying search says it once
	private final Set<URI> impostorsReported = ConcurrentHashMap.newKeySet();

	private final Object monitor = new Object();

	private @Nullable CompletableFuture<URI> inProgress;

	private volatile List<String> lastTrail = List.of();

	Locator(@Nullable URI fixedBase, List<Path> portFiles, int firstPort, int lastPort, List<Integer> legacyPorts,
			Duration probeTimeout, Duration connectTimeout, HttpResources http) {
		this.fixedBase = fixedBase;
		this.portFiles = List.copyOf(portFiles);
		List<Integer> ports = new ArrayList<>();
		for (int port = firstPort; port <= lastPort; port++) {
			ports.add(port);
		}
		this.range = List.copyOf(ports);
		this.legacyPorts = List.copyOf(legacyPorts);
		this.probeTimeout = probeTimeout;
		// a generous timeout for a base already known, so a busy machine is not mistaken for a vanished Pieces OS
		this.healthCheckTimeout = (connectTimeout.compareTo(probeTimeout) > 0) ? connectTimeout : probeTimeout;
		this.http = http;
	}

	boolean isFixed() {
		return this.fixedBase != null;
	}

	Optional<URI> current() {
		return Optional.ofNullable((this.fixedBase != null) ? this.fixedBase : this.discovered.get());
	}

	URI currentOrDiscover() {
		Optional<URI> current = current();
		return current.isPresent() ? current.get() : discover();
	}

	URI discover() {
		if (this.fixedBase != null) {
			return this.fixedBase;
		}
		CompletableFuture<URI> run;
		boolean owner = false;
		synchronized (this.monitor) {
			run = this.inProgress;
			if (run == null) {
				run = new CompletableFuture<>();
				this.inProgress = run;
				owner = true;
			}
		}
		if (owner) {
			try {
				run.complete(search());
			}
			catch (RuntimeException | Error ex) {
				run.completeExceptionally(ex);
			}
			finally {
				synchronized (this.monitor) {
					this.inProgress = null;
				}
			}
		}
		return await(run);
	}

	/**
	 * Mark a discovered base as not Pieces OS (something answers there, but without Pieces OS's streams), so that
	 * the next search skips it for a minute and finds Pieces OS elsewhere.
	 * @param base the base
	 * @return {@code false} for a fixed base URL, which is kept
	 */
	boolean reject(URI base) {
		if (this.fixedBase != null) {
			return false;
		}
		boolean already = isRejected(base);
		this.rejected.put(base, System.nanoTime() + REJECTION.toNanos());
		this.discovered.compareAndSet(base, null);
		if (already) {
			return true;
		}
		logger.warn("What answers at " + base + " is not Pieces OS (it has no Pieces OS health stream); looking "
				+ "for Pieces OS elsewhere and skipping " + base + " for " + REJECTION.toSeconds() + "s");
		return true;
	}

	private boolean isRejected(URI base) {
		Long until = this.rejected.get(base);
		if (until == null) {
			return false;
		}
		if (System.nanoTime() - until > 0) {
			this.rejected.remove(base, until);
			return false;
		}
		return true;
	}

	boolean isHealthy(URI base) {
		return awaitAnswer(probe(base, this.healthCheckTimeout), this.healthCheckTimeout) == Answer.HEALTHY;
	}

	/**
	 * Say where discovery looked, for a person: the port range first, then what the port files gave (their paths
	 * are at DEBUG), then the legacy ports.
	 */
	String describeSearch() {
		long found = this.portFiles.stream().filter(Files::isRegularFile).count();
		String portFiles = this.portFiles.isEmpty() ? "not read"
				: (found == 0) ? "none found" : found + " found, naming no Pieces OS that answers";
		if (logger.isDebugEnabled()) {
			logger.debug("Pieces OS port files looked for: " + this.portFiles);
		}
		return "on 127.0.0.1 ports " + this.range.get(0) + ".." + this.range.get(this.range.size() - 1)
				+ " (port files: " + portFiles
				+ (this.legacyPorts.isEmpty() ? "" : "; legacy ports " + this.legacyPorts.stream().map(String::valueOf)
					.collect(Collectors.joining(", ")) + " tried")
				+ "). Is Pieces OS running?";
	}

	private static URI await(CompletableFuture<URI> run) {
		try {
			return run.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PiecesUnavailableException("Interrupted while discovering Pieces OS", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new PiecesUnavailableException("Pieces OS discovery failed", cause);
		}
	}

	/** The last search's steps, for a person; no file paths (they name the user's home). */
	List<String> lastTrail() {
		return this.lastTrail;
	}

	private URI search() {
		List<String> trail = new ArrayList<>();
		trail.add("started " + Instant.now());
		try {
			URI found = search(trail);
			trail.add("found " + found);
			return found;
		}
		catch (RuntimeException ex) {
			trail.add("found nothing");
			throw ex;
		}
		finally {
			this.lastTrail = List.copyOf(trail);
		}
	}

	private URI search(List<String> trail) {
		URI previous = this.discovered.get();
		// a known base that answers but not OK is still Pieces OS: keep it, so that sockets reconnect to it
		if (previous != null && !isRejected(previous)
				&& awaitAnswer(probe(previous, this.healthCheckTimeout), this.healthCheckTimeout).present()) {
			trail.add("kept " + previous + ": it still answers");
			return previous;
		}
		URI found = find(trail);
		if (found == null) {
			this.discovered.set(null);
			if (previous != null) {
				logger.info("Pieces OS is no longer reachable at " + previous + " and was not found elsewhere");
			}
			throw new PiecesUnavailableException("Pieces OS not found " + describeSearch());
		}
		this.discovered.set(found);
		if (!found.equals(previous)) {
			logger.info("Pieces OS found at " + found + ((previous != null) ? " (was " + previous + ")" : ""));
		}
		return found;
	}

	/**
	 * Search the port files, the port range and the legacy ports: the first healthy answer wins; failing that,
	 * the first Pieces OS that answered but not OK.
	 */
	private @Nullable URI find(List<String> trail) {
		URI notOk = null;
		for (int i = 0; i < this.portFiles.size(); i++) {
			Path portFile = this.portFiles.get(i);
			Integer port = readPortFile(portFile);
			if (port == null) {
				trail.add("port file " + (i + 1) + ": " + (Files.isRegularFile(portFile) ? "unreadable"
						: Files.exists(portFile) ? "not a file" : "absent"));
			}
			else {
				URI candidate = localBase(port);
				Answer answer = awaitAnswer(probe(candidate, this.probeTimeout), this.probeTimeout);
				boolean piecesOs = answer.present() && isPiecesOs(candidate);
				trail.add("port file " + (i + 1) + ": port " + port + " " + (!answer.present() ? "does not answer"
						: !piecesOs ? "is not Pieces OS" : (answer == Answer.HEALTHY) ? "healthy" : "answers but not OK"));
				if (answer.present() && !piecesOs) {
					continue;
				}
				if (answer == Answer.HEALTHY) {
					return candidate;
				}
				if (answer == Answer.NOT_OK && notOk == null) {
					notOk = candidate;
				}
				if (logger.isDebugEnabled()) {
					logger.debug("Port file " + portFile + " names port " + port + ", which "
							+ ((answer == Answer.NOT_OK) ? "answers but not OK" : "does not answer"));
				}
			}
		}
		Found found = probeLowest(this.range, trail);
		if (found.healthy() == null && !this.legacyPorts.isEmpty()) {
			Found legacy = probeLowest(this.legacyPorts, trail);
			found = new Found(legacy.healthy(), (found.notOk() != null) ? found.notOk() : legacy.notOk());
		}
		if (found.healthy() != null) {
			return found.healthy();
		}
		if (notOk == null) {
			notOk = found.notOk();
		}
		if (notOk != null) {
			logger.info("Pieces OS found at " + notOk + " answers its health check, but not OK");
		}
		return notOk;
	}

	private static @Nullable Integer readPortFile(Path portFile) {
		try {
			if (!Files.isRegularFile(portFile)) {
				return null;
			}
			int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).trim());
			if (port < 1 || port > 65535) {
				logger.warn("Ignoring port file " + portFile + ": " + port + " is not a port number");
				return null;
			}
			return port;
		}
		catch (NumberFormatException ex) {
			logger.warn("Ignoring port file " + portFile + ": it does not contain a port number");
			return null;
		}
		catch (IOException | SecurityException ex) {
			logger.warn("Ignoring port file " + portFile + ": " + ex);
			return null;
		}
	}

	/**
	 * Probe all ports in parallel: the lowest healthy one and the lowest one that answered but not OK (either may
	 * be {@code null}). Waits only for the ports below the first healthy one found in port order.
	 */
	private Found probeLowest(List<Integer> ports, List<String> trail) {
		List<CompletableFuture<Answer>> probes = new ArrayList<>(ports.size());
		for (Integer port : ports) {
			probes.add(probe(localBase(port), this.probeTimeout));
		}
		URI notOk = null;
		try {
			for (int i = 0; i < ports.size(); i++) {
				Answer answer = awaitAnswer(probes.get(i), this.probeTimeout);
				URI candidate = localBase(ports.get(i));
				if (!answer.present()) {
					continue;
				}
				if (!isPiecesOs(candidate)) {
					trail.add("port " + ports.get(i) + " is not Pieces OS");
					continue;
				}
				if (answer == Answer.HEALTHY) {
					trail.add("ports " + describe(ports) + ": port " + ports.get(i) + " healthy");
					return new Found(candidate, notOk);
				}
				trail.add("port " + ports.get(i) + " answers but not OK");
				if (notOk == null) {
					notOk = candidate;
				}
			}
			trail.add("ports " + describe(ports) + ": no healthy Pieces OS");
			return new Found(null, notOk);
		}
		finally {
			probes.forEach((probe) -> probe.cancel(true));
		}
	}

	/**
	 * Whether what answered the health probe at a base is Pieces OS: not rejected, and answering
	 * {@code GET /.well-known/version} with a version text (the body read no further than a version can be long).
	 */
	private boolean isPiecesOs(URI base) {
		if (isRejected(base)) {
			return false;
		}
		String version = readVersion(base);
		boolean piecesOs = version != null && VERSION_TEXT.matcher(version).matches();
		if (!piecesOs && this.impostorsReported.add(base)) {
			logger.info("Skipping " + base + ": it answers " + HEALTH_PATH + " but not " + VERSION_PATH
					+ " as Pieces OS does, so it is another program on Pieces OS's ports");
		}
		else if (piecesOs) {
			this.impostorsReported.remove(base);
		}
		return piecesOs;
	}

	private @Nullable String readVersion(URI base) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + VERSION_PATH))
			.timeout(this.probeTimeout)
			.GET()
			.build();
		this.http.callStarted();
		try {
			HttpResponse<InputStream> response = this.http.httpClient()
				.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
				.get(this.probeTimeout.toMillis() * 2 + 2000, TimeUnit.MILLISECONDS);
			try (InputStream body = response.body()) {
				if (response.statusCode() < 200 || response.statusCode() >= 300) {
					return null;
				}
				return new String(body.readNBytes(VERSION_READ_LIMIT + 1), StandardCharsets.UTF_8).trim();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (IOException | ExecutionException | TimeoutException | RuntimeException ex) {
			return null;
		}
		finally {
			this.http.callEnded();
		}
	}

	private CompletableFuture<Answer> probe(URI base, Duration timeout) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(base + HEALTH_PATH))
				.method("HEAD", HttpRequest.BodyPublishers.noBody())
				.timeout(timeout)
				.build();
			HttpClient client = this.http.httpClient();
			this.http.callStarted();
			try {
				CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request,
						HttpResponse.BodyHandlers.discarding());
				// counted on the exchange itself: callers may cancel the stage they get back
				exchange.whenComplete((response, failure) -> this.http.callEnded());
				return exchange.handle((response, failure) -> (failure == null) ? Answer.of(response.statusCode())
						: Answer.NONE);
			}
			catch (RuntimeException ex) {
				this.http.callEnded();
				throw ex;
			}
		}
		catch (RuntimeException ex) {
			// e.g. the client was closed meanwhile
			return CompletableFuture.completedFuture(Answer.NONE);
		}
	}

	private static Answer awaitAnswer(CompletableFuture<Answer> probe, Duration timeout) {
		try {
			// the request timeout bounds the probe; this bound only guards against a stuck HTTP client
			return probe.get(timeout.toMillis() * 2 + 2000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Answer.NONE;
		}
		catch (ExecutionException | TimeoutException | CancellationException ex) {
			return Answer.NONE;
		}
	}

	private static String describe(List<Integer> ports) {
		return (ports.size() > 2) ? ports.get(0) + ".." + ports.get(ports.size() - 1)
				: ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
	}

	private static URI localBase(int port) {
		return URI.create("http://127.0.0.1:" + port);
	}

	/**
	 * What a health probe learned about a port: 2xx is Pieces OS, healthy; 5xx Pieces OS, not OK; anything else
	 * (no answer, 404, ...) something that is not Pieces OS.
	 */
	private enum Answer {

		HEALTHY, NOT_OK, NONE;

		static Answer of(int status) {
			if (status >= 200 && status < 300) {
				return HEALTHY;
			}
			return (status >= 500 && status < 600) ? NOT_OK : NONE;
		}

		boolean present() {
			return this != NONE;
		}

	}

	private record Found(@Nullable URI healthy, @Nullable URI notOk) {
	}

}
