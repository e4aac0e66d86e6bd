package app.pieces.websocket;

import java.time.Duration;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.backoff.ExponentialBackOff;

import app.pieces.client.PiecesApiException;
import app.pieces.client.PiecesGoneException;
import app.pieces.client.PiecesUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link IdentifierCache}, with a scripted fetch function instead of REST.
 */
class IdentifierCacheTests {

	private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

	private final ExecutorService workers = Executors.newCachedThreadPool();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService callbacks = Executors.newSingleThreadExecutor();

	private final Map<String, Item> server = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<Void>> gates = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> fetchCounts = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

	private volatile boolean unreachable;

	private volatile int failureStatus = 500;

	private volatile boolean callbacksRejected;

	private final AtomicInteger running = new AtomicInteger();

	private final AtomicInteger maxRunning = new AtomicInteger();

	private final AtomicInteger workerExits = new AtomicInteger();

	private final List<String> events = Collections.synchronizedList(new ArrayList<>());

	private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());

	@AfterEach
	void shutdown() {
		this.gates.values().forEach((gate) -> gate.complete(null));
		this.workers.shutdownNow();
		this.timer.shutdownNow();
		this.callbacks.shutdownNow();
	}

	@Test
	void authoritativeListShouldHydrateEveryIdAndCompleteInitialSync() throws Exception {
		DefaultIdentifierCache<Item> cache = cache(4);
		put("a", 1);
		put("b", 2);
		put("c", 3);
		cache.applyAuthoritative(List.of(event("a"), event("b"), event("c")));
		assertThat(cache.awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertThat(cache.isSynced()).isTrue();
		assertThat(cache.ids()).containsExactlyInAnyOrder("a", "b", "c");
		await().untilAsserted(() -> assertThat(this.events).contains("update:a", "update:b", "update:c", "synced:3"));
	}

	@Test
	void emptyAuthoritativeListShouldCompleteInitialSyncAtOnce() throws Exception {
		DefaultIdentifierCache<Item> cache = cache(4);
		cache.applyAuthoritative(List.of());
		assertThat(cache.awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertThat(cache.size()).isZero();
	}

	@Test
	void authoritativeListAfterReconnectShouldRemoveIdsMissingFromIt() throws Exception {
		DefaultIdentifierCache<Item> cache = cache(4);
		put("a", 1);
		put("b", 2);
		cache.applyAuthoritative(List.of(event("a"), event("b")));
		assertThat(cache.awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		this.server.remove("b");
		cache.connectionLost();
		cache.resume();
		assertThat(cache.isSynced()).isFalse();
		cache.applyAuthoritative(List.of(event("a")));
		await().until(cache::isSynced);
		assertThat(cache.ids()).containsExactly("a");
		await().untilAsserted(() -> assertThat(this.events).contains("remove:b"));
	}

	@Test
	void deletionWhileFetchIsInFlightShouldWin() throws Exception {
		DefaultIdentifierCache<Item> cache = cache(1);
		put("a", 1);
		CompletableFuture<Void> gate = gate("a");
		cache.applyDelta(List.of(event("a")));
		await().until(() -> fetches("a") == 1);
		cache.applyDelta(List.of(new IdentifierEvent("a", true, null)));
		gate.complete(null);
		put("z", 1);
		cache.applyDelta(List.of(event("z")));
		await().until(() -> cache.get("z").isPresent());
		assertThat(cache.get("a")).isEmpty();
		assertThat(this.events).doesNotContain("update:a", "remove:a");
		assertThat(fetches("a")).isEqualTo(1);
	}

	@Test
	void updateWhileFetchIsInFlightShouldFetchAgainForTheNewestVersion() {
		DefaultIdentifierCache<Item> cache = cache(4);
		put("a", 1);
		CompletableFuture<Void> gate = gate("a");
		cache.applyDelta(List.of(event("a")));
		await().until(() -> fetches("a") == 1);
		put("a", 2);
		cache.applyDelta(List.of(event("a")));
		this.gates.remove("a");
		gate.complete(null);
		await().until(() -> cache.get("a").map(Item::version).orElse(0) == 2);
		assertThat(fetches("a")).isEqualTo(2);
	}

	@Test
	void duplicateIdsShouldBeFetchedOnce() {
		DefaultIdentifierCache<Item> cache = cache(1);
		put("a", 1);
		CompletableFuture<Void> gate = occupyTheOnlyFetchSlot(cache);
		cache.applyDelta(List.of(event("a"), event("a")));
		cache.applyDelta(List.of(event("a")));
		gate.complete(null);
		await().until(() -> cache.get("a").isPresent());
		assertThat(fetches("a")).isEqualTo(1);
	}

	@Test
	void goneOnFetchShouldRemoveTheItem() {
		DefaultIdentifierCache<Item> cache = cache(2);
		put("a", 1);
		cache.applyDelta(List.of(event("a")));
		await().until(() -> cache.get("a").isPresent());
		this.server.remove("a");
		cache.applyDelta(List.of(event("a")));
		await().until(() -> cache.get("a").isEmpty());
		await().untilAsserted(() -> assertThat(this.events).contains("remove:a"));
	}

	@Test
	void deletingAnUnknownIdShouldNotCallRemove() {
		DefaultIdentifierCache<Item> cache = cache(2);
		put("z", 1);
		cache.applyDelta(List.of(new IdentifierEvent("nope", true, null), event("z")));
		await().until(() -> cache.get("z").isPresent());
		assertThat(this.events).noneMatch((event) -> event.startsWith("remove:"));
	}

	@Test
	void transientFetchErrorsShouldBeRetried() {
		DefaultIdentifierCache<Item> cache = cache(2);
		put("a", 1);
		this.failuresLeft.put("a", new AtomicInteger(2));
		cache.applyAuthoritative(List.of(event("a")));
		await().until(cache::isSynced);
		assertThat(cache.get("a")).isPresent();
		assertThat(fetches("a")).isEqualTo(3);
		assertThat(this.errors).isEmpty();
	}

	@Test
	void persistentFetchErrorsShouldBeReportedOnceAndRetriedSlowlyWhileTheCacheIsNotInSync() {
		DefaultIdentifierCache<Item> cache = cache(2);
		put("a", 1);
		put("b", 1);
		this.failuresLeft.put("a", new AtomicInteger(Integer.MAX_VALUE));
		cache.applyAuthoritative(List.of(event("a"), event("b")));
		await().untilAsserted(() -> assertThat(this.errors).singleElement().isInstanceOf(PiecesApiException.class));
		// hydration finished with one item failing: the initial sync completes, isSynced() stays false
		await().until(() -> cache.initialSync().isDone());
		assertThat(cache.isSynced()).isFalse();
		assertThat(cache.ids()).containsExactly("b");
		int afterGivingUp = fetches("a");
		await().until(() -> fetches("a") >= afterGivingUp + 2);
		assertThat(cache.isSynced()).isFalse();
		assertThat(this.errors).hasSize(1);
		this.failuresLeft.remove("a");
		await().until(cache::isSynced);
		assertThat(cache.ids()).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void itemWhoseFetchKeepsFailingShouldNotHoldUpTheInitialSync() throws Exception {
		DefaultIdentifierCache<Item> cache = cache(2);
		put("a", 1);
		put("b", 1);
		this.failuresLeft.put("a", new AtomicInteger(Integer.MAX_VALUE));
		cache.applyAuthoritative(List.of(event("a"), event("b")));
		assertThat(cache.awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertThat(cache.isSynced()).isFalse();
		assertThat(cache.ids()).containsExactly("b");
		await().untilAsserted(() -> assertThat(this.events).contains("synced:1"));
		assertThat(this.errors).singleElement().isInstanceOf(PiecesApiException.class);
		this.failuresLeft.remove("a");
		await().until(cache::isSynced);
		assertThat(cache.ids()).containsExactlyInAnyOrder("a", "b");
		flushCallbacks();
		assertThat(this.events).filteredOn((event) -> event.startsWith("synced:")).containsExactly("synced:1");
		assertThat(this.events).contains("update:a");
	}

	@Test
	void changeWhoseFetchKeepsFailingAfterTheSyncShouldMakeTheCacheOutOfSyncUntilFetched() throws Exception {
		DefaultIdentifierCache<Item> cache = cache(2);
		put("a", 1);
		cache.applyAuthoritative(List.of(event("a")));
		assertThat(cache.awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		put("a", 2);
		this.failuresLeft.put("a", new AtomicInteger(Integer.MAX_VALUE));
		cache.applyDelta(List.of(event("a")));
		await().until(() -> this.errors.size() == 1);
		assertThat(cache.isSynced()).isFalse();
		assertThat(cache.get("a")).map(Item::version).contains(1);
		this.failuresLeft.remove("a");
		await().until(cache::isSynced);
		assertThat(cache.get("a")).map(Item::version).contains(2);
	}

	@Test
	void itemGivenUpWhoseCachedVersionTheNextFullListAnnouncesShouldStopFailingAndLetTheCacheSync() {
		DefaultIdentifierCache<Item> cache = cache(2);
		put("a", 1);
		cache.applyAuthoritative(List.of(event("a")));
		await().until(cache::isSynced);
		this.failuresLeft.put("a", new AtomicInteger(Integer.MAX_VALUE));
		cache.applyDelta(List.of(event("a")));
		await().until(() -> this.errors.size() == 1);
		assertThat(cache.isSynced()).isFalse();
		cache.connectionLost();
		cache.resume();
		// the full list says "a" is still at the cached version: nothing is left to fetch
		cache.applyAuthoritative(List.of(new IdentifierEvent("a", false, T0.plusSeconds(1))));
		assertThat(cache.isSynced()).isTrue();
		assertThat(cache.get("a")).map(Item::version).contains(1);
	}

	@Test
	void itemGivenUpAndThenDeletedOnTheServerShouldBeRemovedAndLetTheCacheSync() {
		DefaultIdentifierCache<Item> cache = cache(2);
		put("a", 1);
		put("b", 1);
		cache.applyAuthoritative(List.of(event("a"), event("b")));
		await().until(cache::isSynced);
		put("a", 2);
		this.failuresLeft.put("a", new AtomicInteger(Integer.MAX_VALUE));
		cache.applyDelta(List.of(event("a")));
		await().until(() -> this.errors.size() == 1);
		cache.connectionLost();
		cache.resume();
		cache.applyAuthoritative(List.of(event("a"), event("b")));
		assertThat(cache.isSynced()).isFalse();
		this.server.remove("a");
		this.failuresLeft.remove("a");
		await().until(cache::isSynced);
		assertThat(cache.ids()).containsExactly("b");
		await().untilAsserted(() -> assertThat(this.events).contains("remove:a"));
	}

	@Test
	void unreachablePiecesOsShouldHoldFetchesWithoutUsingRetriesOrReportingErrors() {
		DefaultIdentifierCache<Item> cache = cache(2);
		List<IdentifierEvent> all = IntStream.range(0, 50).mapToObj((i) -> {
			put("id" + i, 1);
			this.failuresLeft.put("id" + i, new AtomicInteger(Integer.MAX_VALUE));
			return event("id" + i);
		}).collect(Collectors.toList());
		this.unreachable = true;
		cache.applyAuthoritative(all);
		// fetches wait after the first failures and are probed again a few at a time
		await().until(() -> totalFetches() >= 6);
		assertThat(totalFetches()).isLessThan(50);
		this.failuresLeft.clear();
		await().until(cache::isSynced);
		assertThat(cache.size()).isEqualTo(50);
		assertThat(this.errors).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { 502, 503, 504 })
	void piecesOsAnsweringGatewayOrUnavailableStatusShouldHoldFetchesWithoutUsingRetriesOrReportingErrors(int status)
			throws Exception {
		DefaultIdentifierCache<Item> cache = cache(1);
		put("a", 1);
		this.failureStatus = status;
		this.failuresLeft.put("a", new AtomicInteger(Integer.MAX_VALUE));
		cache.applyAuthoritative(List.of(event("a")));
		// more attempts than the retry budget (1 + 3): a retried failure would have given up
		await().until(() -> fetches("a") >= 6);
		flushCallbacks();
		assertThat(this.errors).isEmpty();
		assertThat(cache.initialSync()).isNotDone();
		assertThat(cache.isSynced()).isFalse();
		this.failuresLeft.remove("a");
		assertThat(cache.awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		assertThat(cache.isSynced()).isTrue();
		assertThat(cache.ids()).containsExactly("a");
		flushCallbacks();
		assertThat(this.errors).isEmpty();
	}

	@Test
	void serverErrorOtherThanGatewayOrUnavailableShouldUseUpRetriesAndBeReported() throws Exception {
		DefaultIdentifierCache<Item> cache = cache(1);
		put("a", 1);
		this.failureStatus = 500;
		this.failuresLeft.put("a", new AtomicInteger(Integer.MAX_VALUE));
		cache.applyAuthoritative(List.of(event("a")));
		await().untilAsserted(() -> assertThat(this.errors).singleElement()
			.isInstanceOfSatisfying(PiecesApiException.class, (ex) -> assertThat(ex.getStatusCode()).isEqualTo(500)));
		assertThat(fetches("a")).isGreaterThanOrEqualTo(4);
		assertThat(cache.initialSync()).isDone();
	}

	@Test
	void lostConnectionShouldPauseFetchesUntilResumed() {
		DefaultIdentifierCache<Item> cache = cache(1);
		put("a", 1);
		CompletableFuture<Void> gate = occupyTheOnlyFetchSlot(cache);
		cache.applyDelta(List.of(event("a")));
		cache.connectionLost();
		gate.complete(null);
		await().until(() -> this.workerExits.get() == 1);
		assertThat(fetches("a")).isZero();
		cache.resume();
		await().until(() -> cache.get("a").isPresent());
	}

	@Test
	void fetchFinishingAfterPauseShouldStoreNothingAndBeFetchedAgainWithItsCallbackAfterResume() {
		DefaultIdentifierCache<Item> cache = cache(1);
		put("a", 1);
		cache.applyAuthoritative(List.of(event("a")));
		await().until(cache::isSynced);
		put("a", 2);
		CompletableFuture<Void> gate = gate("a");
		cache.applyDelta(List.of(event("a")));
		await().until(() -> fetches("a") == 2);
		int exits = this.workerExits.get();
		// closeAll(): the cache pauses and the socket's callback executor rejects
		cache.pause();
		cache.connectionLost();
		this.callbacksRejected = true;
		this.gates.remove("a");
		gate.complete(null);
		await().until(() -> this.workerExits.get() > exits);
		assertThat(cache.get("a")).map(Item::version).contains(1);
		// startAll(): resume, then the full list of the new connection
		this.callbacksRejected = false;
		cache.resume();
		cache.applyAuthoritative(List.of(event("a")));
		await().until(() -> cache.isSynced() && cache.get("a").map(Item::version).orElse(0) == 2);
		await().untilAsserted(() -> assertThat(this.events).filteredOn("update:a"::equals).hasSize(2));
	}

	@Test
	void cachesShouldOfferNoPublicMethodThatChangesThem() {
		for (Class<?> type : List.of(IdentifierCache.class)) {
			Set<String> methods = Arrays.stream(type.getMethods()).map(Method::getName).collect(Collectors.toSet());
			assertThat(methods).as(type.getSimpleName())
				.doesNotContain("applyAuthoritative", "applyDelta", "connectionLost", "pause", "resume")
				.contains("get", "snapshot", "ids", "size", "isSynced", "initialSync", "awaitInitialSync");
		}
	}

	@Test
	void fetchesShouldNotExceedTheConfiguredConcurrency() throws Exception {
		DefaultIdentifierCache<Item> cache = cache(3);
		List<IdentifierEvent> all = IntStream.range(0, 200).mapToObj((i) -> {
			put("id" + i, 1);
			return event("id" + i);
		}).collect(Collectors.toList());
		cache.applyAuthoritative(all);
		assertThat(cache.awaitInitialSync(Duration.ofSeconds(20))).isTrue();
		assertThat(cache.size()).isEqualTo(200);
		assertThat(this.maxRunning.get()).isBetween(1, 3);
	}

	@Test
	void snapshotShouldBeImmutableAndOrderedNewestFirst() throws Exception {
		DefaultIdentifierCache<Item> cache = cache(4);
		put("old", 1, T0);
		put("new", 1, T0.plusSeconds(60));
		put("mid", 1, T0.plusSeconds(30));
		cache.applyAuthoritative(List.of(event("old"), event("new"), event("mid")));
		assertThat(cache.awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		List<Item> snapshot = cache.snapshot();
		assertThat(snapshot).extracting(Item::id).containsExactly("new", "mid", "old");
		org.assertj.core.api.Assertions.assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> snapshot.add(new Item("x", 1, T0)));
	}

	@Test
	void authoritativeListWithUnchangedTimestampShouldNotFetchAgain() throws Exception {
		DefaultIdentifierCache<Item> cache = cache(4);
		put("a", 1, T0);
		cache.applyAuthoritative(List.of(event("a")));
		assertThat(cache.awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		cache.connectionLost();
		cache.resume();
		cache.applyAuthoritative(List.of(new IdentifierEvent("a", false, T0)));
		await().until(cache::isSynced);
		assertThat(fetches("a")).isEqualTo(1);
	}

	@Test
	void refetchOfAnUnchangedItemShouldNotRepeatTheUpdateCallback() throws Exception {
		DefaultIdentifierCache<Item> cache = cache(2);
		put("a", 1);
		cache.applyAuthoritative(List.of(event("a")));
		assertThat(cache.awaitInitialSync(Duration.ofSeconds(10))).isTrue();
		cache.connectionLost();
		cache.resume();
		cache.applyAuthoritative(List.of(event("a")));
		await().until(cache::isSynced);
		put("a", 2);
		cache.applyDelta(List.of(event("a")));
		await().until(() -> cache.get("a").map(Item::version).orElse(0) == 2);
		await().untilAsserted(() -> assertThat(this.events).filteredOn("update:a"::equals).hasSize(2));
		assertThat(fetches("a")).isEqualTo(3);
	}

	/**
	 * Wait until every callback the cache has handed to the (serial) callback executor so far
	 * has been delivered.
	 */
	private void flushCallbacks() throws Exception {
		this.callbacks.submit(() -> {
		}).get(10, TimeUnit.SECONDS);
	}

	private DefaultIdentifierCache<Item> cache(int concurrency) {
		DefaultIdentifierCache<Item> cache = newCache(concurrency, this::fetch);
		ExponentialBackOff quick = new ExponentialBackOff(20, 2.0);
		quick.setMaxAttempts(3);
		cache.retryTimings(quick, Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(100));
		return cache;
	}

	private Item fetch(String id) {
		this.fetchCounts.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
		int now = this.running.incrementAndGet();
		this.maxRunning.accumulateAndGet(now, Math::max);
		try {
			CompletableFuture<Void> gate = this.gates.get(id);
			if (gate != null) {
				gate.join();
			}
			AtomicInteger failures = this.failuresLeft.get(id);
			if (failures != null && failures.getAndDecrement() > 0) {
				throw (this.unreachable) ? new PiecesUnavailableException("scripted outage")
						: new PiecesApiException("scripted failure", this.failureStatus, null);
			}
			Item item = this.server.get(id);
			if (item == null) {
				throw new PiecesGoneException("gone", null);
			}
			return item;
		}
		finally {
			this.running.decrementAndGet();
		}
	}

	private int totalFetches() {
		return this.fetchCounts.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	private int fetches(String id) {
		AtomicInteger count = this.fetchCounts.get(id);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Start a fetch of {@code "blocker"} that holds the only fetch slot of a cache of concurrency 1 until the
	 * returned gate completes.
	 */
	private CompletableFuture<Void> occupyTheOnlyFetchSlot(DefaultIdentifierCache<Item> cache) {
		put("blocker", 1);
		CompletableFuture<Void> gate = gate("blocker");
		cache.applyDelta(List.of(event("blocker")));
		await().until(() -> fetches("blocker") == 1);
		return gate;
	}

	private CompletableFuture<Void> gate(String id) {
		CompletableFuture<Void> gate = new CompletableFuture<>();
		this.gates.put(id, gate);
		return gate;
	}

	private void put(String id, int version) {
		put(id, version, T0.plusSeconds(version));
	}

	private void put(String id, int version, Instant updated) {
		this.server.put(id, new Item(id, version, updated));
	}

	private static IdentifierEvent event(String id) {
		return new IdentifierEvent(id, false, null);
	}

	record Item(String id, int version, Instant updated) {
	}

	private DefaultIdentifierCache<Item> newCache(int concurrency, Function<String, Item> fetcher) {
		CacheSource<Item> source = new CacheSource<>() {

			@Override
			public Item fetch(String id) {
				return fetcher.apply(id);
			}

			@Override
			public String idOf(Item item) {
				return item.id();
			}

			@Override
			public @Nullable Instant updatedOf(Item item) {
				return item.updated();
			}

		};
		return new DefaultIdentifierCache<>("test", source, concurrency, (task) -> IdentifierCacheTests.this.workers.execute(() -> {
				try {
					task.run();
				}
				finally {
					IdentifierCacheTests.this.workerExits.incrementAndGet();
				}
			}),
					(task, delay) -> IdentifierCacheTests.this.timer.schedule(task, delay.toMillis(),
							TimeUnit.MILLISECONDS),
					(callback) -> {
						if (IdentifierCacheTests.this.callbacksRejected) {
							throw new RejectedExecutionException("closed");
						}
						IdentifierCacheTests.this.callbacks.execute(callback);
					}, new CacheListener<>() {

						@Override
						public void onUpdate(Item item) {
							IdentifierCacheTests.this.events.add("update:" + item.id());
						}

						@Override
						public void onRemove(Item item) {
							IdentifierCacheTests.this.events.add("remove:" + item.id());
						}

						@Override
						public void onError(String id, Throwable error) {
							IdentifierCacheTests.this.errors.add(error);
						}

						@Override
						public void onSynced(Duration took, int size, ClientEvent.SyncPath path) {
							IdentifierCacheTests.this.events.add("synced:" + size);
						}

					});
	}

}
