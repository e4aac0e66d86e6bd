package app.pieces.benchmarks;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.JsonToken;

import app.pieces.model.PiecesJson;
import app.pieces.websocket.AssetsIdentifiersWS;

/**
 * One measurement of {@link ColdSyncBenchmark} in a fresh JVM, so every variant starts as cold as a user's app.
 * Prints one line {@code RESULT variant=... took=<ns> jvm=<ms> peak=<bytes> retained=<bytes> bytes=<n>}.
 * <p>
 * Usage: {@code ColdSyncChild <boot-bulk|boot-per-id|sequential|bare> <baseUrl> <webSocketUrl> <assets>}.
 */
public final class ColdSyncChild {

	private static final AtomicLong peakAfterGc = new AtomicLong();

	private ColdSyncChild() {
	}

	/**
	 * Run one variant.
	 * @param args variant, base URL, websocket URL, expected number of assets
	 * @throws Exception if the variant fails
	 */
	public static void main(String[] args) throws Exception {
		String variant = args[0];
		String baseUrl = args[1];
		String webSocketUrl = args[2];
		int expected = Integer.parseInt(args[3]);
		watchHeapAfterEachGc();
		long took;
		long bytes = -1;
		switch (variant) {
			case "boot-bulk", "boot-per-id" -> took = boot(baseUrl, variant.equals("boot-bulk"), expected);
			case "sequential" -> {
				long start = System.nanoTime();
				int hydrated = SequentialBaseline.hydrate(baseUrl, webSocketUrl, PiecesJson.mapper()).size();
				took = System.nanoTime() - start;
				check(hydrated, expected, variant);
			}
			case "bare" -> {
				// built before the clock starts, as the Boot variants build their beans before the context is ready
				HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
				TokenStreamFactory json = PiecesJson.mapper().tokenStreamFactory();
				long start = System.nanoTime();
				long[] counted = bareRead(http, json, baseUrl);
				took = System.nanoTime() - start;
				check((int) counted[0], expected, variant);
				bytes = counted[1];
			}
			default -> throw new IllegalArgumentException("unknown variant " + variant);
		}
		long jvm = ManagementFactory.getRuntimeMXBean().getUptime();
		long peak = peakAfterGc.get();
		fullGc();
		long retained = heapUsed();
		System.out.printf(Locale.ROOT, "RESULT variant=%s took=%d jvm=%d peak=%d retained=%d bytes=%d%n", variant,
				took, jvm, Math.max(peak, retained), retained, bytes);
		System.exit(0);
	}

	/**
	 * A Boot app with the starter, as a user starts it: from the context being ready to the asset cache in sync.
	 */
	private static long boot(String baseUrl, boolean bulk, int expected) throws InterruptedException {
		SpringApplication application = new SpringApplication(BenchApplication.class);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		ConfigurableApplicationContext context = application.run("--pieces.base-url=" + baseUrl,
				"--pieces.cache.bulk-sync=" + bulk, "--logging.level.root=WARN");
		long ready = System.nanoTime();
		AssetsIdentifiersWS assets = context.getBean(AssetsIdentifiersWS.class);
		if (!assets.cache().awaitInitialSync(Duration.ofMinutes(10))) {
			throw new IllegalStateException("no initial sync");
		}
		long took = System.nanoTime() - ready;
		check(assets.cache().size(), expected, bulk ? "boot-bulk" : "boot-per-id");
		return took;
	}

	/**
	 * The physical limit: the same bytes as the bulk read ({@code GET /assets?transferables=false}), tokenised by
	 * a bare Jackson streaming loop that binds nothing.
	 * @return the number of items and of bytes read
	 */
	private static long[] bareRead(HttpClient http, TokenStreamFactory json, String baseUrl)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/assets?transferables=false"))
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET /assets answered " + response.statusCode());
		}
		long items = 0;
		AtomicLong bytes = new AtomicLong();
		try (InputStream body = counting(response.body(), bytes);
				JsonParser parser = json.createParser(body)) {
			int depth = 0;
			boolean inIterable = false;
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token == JsonToken.START_ARRAY && depth == 1) {
					inIterable = "iterable".equals(parser.currentName());
				}
				if (token == JsonToken.START_OBJECT && depth == 2 && inIterable) {
					items++;
				}
				if (token.isStructStart()) {
					depth++;
				}
				else if (token.isStructEnd()) {
					depth--;
				}
			}
		}
		return new long[] { items, bytes.get() };
	}

	private static InputStream counting(InputStream in, AtomicLong bytes) {
		return new FilterInputStream(in) {

			@Override
			public int read() throws IOException {
				int read = super.read();
				if (read >= 0) {
					bytes.incrementAndGet();
				}
				return read;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int read = super.read(buffer, offset, length);
				if (read > 0) {
					bytes.addAndGet(read);
				}
				return read;
			}

		};
	}

	/**
	 * Peak heap as the largest heap in use right after a collection: what survived, so what the variant held.
	 */
	private static void watchHeapAfterEachGc() {
		Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getName)
			.collect(Collectors.toSet());
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener((notification, handback) -> {
					if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
						.equals(notification.getType())) {
						GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
							.from((CompositeData) notification.getUserData());
						long used = info.getGcInfo()
							.getMemoryUsageAfterGc()
							.entrySet()
							.stream()
							.filter((entry) -> heapPools.contains(entry.getKey()))
							.mapToLong((entry) -> entry.getValue().getUsed())
							.sum();
						peakAfterGc.accumulateAndGet(used, Math::max);
					}
				}, null, null);
			}
		}
	}

	/**
	 * Collect until a collection really ran: on Java 17 a {@code System.gc()} that meets a thread in a JNI critical
	 * region (the workers deflating raw JSON) can be skipped, and the heap read then counts garbage.
	 */
	private static void fullGc() {
		for (int attempt = 0; attempt < 10; attempt++) {
			long before = gcCount();
			System.gc();
			if (gcCount() > before) {
				return;
			}
			Thread.onSpinWait();
		}
	}

	private static long gcCount() {
		return ManagementFactory.getGarbageCollectorMXBeans().stream()
			.mapToLong(GarbageCollectorMXBean::getCollectionCount)
			.sum();
	}

	private static long heapUsed() {
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		return heap.getUsed();
	}

	private static void check(int actual, int expected, String who) {
		if (actual != expected) {
			throw new IllegalStateException(who + " read " + actual + " assets instead of " + expected);
		}
	}

}
