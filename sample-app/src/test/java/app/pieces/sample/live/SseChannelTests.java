package app.pieces.sample.live;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link SseChannel}: writes off the producer's thread, in order, and lets go of browsers that
 * vanish or fall too far behind.
 */
class SseChannelTests {

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	@AfterEach
	void shutdown() throws InterruptedException {
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void sendShouldWriteEventsInOrderOnTheExecutorThenComplete() {
		RecordingEmitter emitter = new RecordingEmitter();
		SseChannel channel = new SseChannel(emitter, this.executor);
		for (int i = 0; i < 100; i++) {
			channel.send(SseEmitter.event().name("chunk").data("chunk " + i));
		}
		channel.complete();
		await().atMost(Duration.ofSeconds(10)).until(emitter.completed::get);
		assertThat(emitter.sent).hasSize(100);
		for (int i = 0; i < 100; i++) {
			assertThat(emitter.sent.get(i)).contains("chunk " + i);
		}
		assertThat(emitter.threads).doesNotContain(Thread.currentThread().getName());
		assertThat(channel.isClosed()).isTrue();
	}

	@Test
	void sendWhileTheBrowserIsStuckShouldNotBlockTheProducer() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		RecordingEmitter emitter = new RecordingEmitter(release);
		SseChannel channel = new SseChannel(emitter, this.executor);
		// the first write blocks (a stuck browser); the producer keeps going regardless
		for (int i = 0; i < 10; i++) {
			channel.send(SseEmitter.event().data("event " + i));
		}
		assertThat(emitter.sent).isEmpty();
		release.countDown();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(emitter.sent).hasSize(10));
	}

	@Test
	void sendWhenTheBrowserFallsTooFarBehindShouldCloseTheChannel() {
		CountDownLatch release = new CountDownLatch(1);
		RecordingEmitter emitter = new RecordingEmitter(release);
		SseChannel channel = new SseChannel(emitter, this.executor);
		for (int i = 0; i <= SseChannel.MAX_QUEUED_EVENTS + 1; i++) {
			channel.send(SseEmitter.event().data("event " + i));
		}
		assertThat(channel.isClosed()).isTrue();
		release.countDown();
		// completed (off the producer's thread: the stuck write holds the emitter), not failed: an error would make
		// the servlet container log a stack trace per slow browser
		await().atMost(Duration.ofSeconds(10)).until(emitter.completed::get);
		assertThat(emitter.failure.get()).isNull();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(emitter.sent).hasSizeLessThan(2));
	}

	@Test
	void sendAfterTheBrowserWentAwayShouldCloseTheChannelAndDropLaterEvents() {
		RecordingEmitter emitter = new RecordingEmitter();
		emitter.failWrites.set(true);
		SseChannel channel = new SseChannel(emitter, this.executor);
		channel.send(SseEmitter.event().data("lost"));
		await().atMost(Duration.ofSeconds(10)).until(channel::isClosed);
		channel.send(SseEmitter.event().data("dropped"));
		assertThat(emitter.attempts.get()).isEqualTo(1);
	}

	@Test
	void onAbortWhenAWriteFailsShouldRunTheHookOnce() {
		RecordingEmitter emitter = new RecordingEmitter();
		emitter.failWrites.set(true);
		SseChannel channel = new SseChannel(emitter, this.executor);
		AtomicInteger stops = new AtomicInteger();
		channel.onAbort(stops::incrementAndGet);
		channel.send(SseEmitter.event().data("lost"));
		await().atMost(Duration.ofSeconds(10)).until(() -> stops.get() == 1);
		channel.close();
		channel.send(SseEmitter.event().data("dropped"));
		assertThat(stops.get()).isEqualTo(1);
		assertThat(emitter.failure.get()).isInstanceOf(IOException.class);
	}

	@Test
	void onAbortWhenRegisteredAfterTheChannelAbortedShouldRunAtOnce() {
		RecordingEmitter emitter = new RecordingEmitter();
		emitter.failWrites.set(true);
		SseChannel channel = new SseChannel(emitter, this.executor);
		channel.send(SseEmitter.event().data("lost"));
		await().atMost(Duration.ofSeconds(10)).until(channel::isClosed);
		await().atMost(Duration.ofSeconds(10)).until(() -> emitter.failure.get() != null);
		AtomicInteger stops = new AtomicInteger();
		channel.onAbort(stops::incrementAndGet);
		assertThat(stops.get()).isEqualTo(1);
	}

	@Test
	void onAbortWhenTheBrowserFallsTooFarBehindShouldRunTheHook() {
		CountDownLatch release = new CountDownLatch(1);
		RecordingEmitter emitter = new RecordingEmitter(release);
		SseChannel channel = new SseChannel(emitter, this.executor);
		AtomicInteger stops = new AtomicInteger();
		channel.onAbort(stops::incrementAndGet);
		for (int i = 0; i <= SseChannel.MAX_QUEUED_EVENTS + 1; i++) {
			channel.send(SseEmitter.event().data("event " + i));
		}
		assertThat(stops.get()).isEqualTo(1);
		release.countDown();
	}

	@Test
	void onAbortWhenTheStreamCompletesNormallyShouldNeverRunTheHook() {
		RecordingEmitter emitter = new RecordingEmitter();
		SseChannel channel = new SseChannel(emitter, this.executor);
		AtomicInteger stops = new AtomicInteger();
		channel.onAbort(stops::incrementAndGet);
		channel.send(SseEmitter.event().data("answer"));
		channel.complete();
		await().atMost(Duration.ofSeconds(10)).until(emitter.completed::get);
		channel.close();
		channel.onAbort(stops::incrementAndGet);
		assertThat(stops.get()).isZero();
		assertThat(emitter.sent).hasSize(1);
	}

	@Test
	void onAbortWhenTheApplicationClosesTheChannelShouldRunTheHook() {
		SseChannel channel = new SseChannel(new RecordingEmitter(), this.executor);
		AtomicInteger stops = new AtomicInteger();
		channel.onAbort(stops::incrementAndGet);
		channel.close();
		assertThat(stops.get()).isEqualTo(1);
	}

	/**
	 * An emitter that records what would be written to the browser.
	 */
	static final class RecordingEmitter extends SseEmitter {

		final List<String> sent = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		final AtomicBoolean completed = new AtomicBoolean();

		final AtomicBoolean failWrites = new AtomicBoolean();

		final AtomicInteger attempts = new AtomicInteger();

		final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

		private final @Nullable CountDownLatch gate;

		RecordingEmitter() {
			this(null);
		}

		RecordingEmitter(@Nullable CountDownLatch gate) {
			this.gate = gate;
		}

		@Override
		public void send(SseEventBuilder builder) throws IOException {
			this.attempts.incrementAndGet();
			if (this.gate != null) {
				try {
					this.gate.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException(ex);
				}
			}
			if (this.failWrites.get()) {
				throw new IOException("Broken pipe");
			}
			StringBuilder text = new StringBuilder();
			builder.build().forEach((part) -> text.append(part.getData()));
			this.sent.add(text.toString());
			this.threads.add(Thread.currentThread().getName());
		}

		@Override
		public void complete() {
			this.completed.set(true);
		}

		@Override
		public void completeWithError(Throwable ex) {
			this.failure.set(ex);
		}

	}

}
