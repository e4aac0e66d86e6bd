package app.pieces.sample.live;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import app.pieces.model.Conversation;
import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * {@link LiveUpdates}' lifecycle: Spring stops and starts it again when it pauses a cached
 * test context, and on shutdown it must leave no thread and no open stream behind.
 */
class LiveUpdatesTests {

	@Test
	void stopShouldCloseOpenStreamsAndEndItsThreads() {
		LiveUpdates live = new LiveUpdates(mock(PiecesStatus.class));
		live.start();
		SseChannelTests.RecordingEmitter emitter = new SseChannelTests.RecordingEmitter();
		SseChannel channel = live.channel(emitter);
		channel.send(SseEmitter.event().data("before stop"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(emitter.sent).hasSize(1));
		assertThat(liveThreads(live.threadNamePrefix())).isPositive();
		live.stop();
		assertThat(live.isRunning()).isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> liveThreads(live.threadNamePrefix()) == 0);
		channel.send(SseEmitter.event().data("after stop"));
		assertThat(channel.isClosed()).isTrue();
		assertThat(emitter.sent).hasSize(1);
	}

	@Test
	void startAfterStopShouldServeNewStreamsAgain() {
		LiveUpdates live = new LiveUpdates(mock(PiecesStatus.class));
		live.start();
		live.stop();
		live.start();
		try {
			assertThat(live.isRunning()).isTrue();
			SseChannelTests.RecordingEmitter emitter = new SseChannelTests.RecordingEmitter();
			live.channel(emitter).send(SseEmitter.event().data("after restart"));
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(emitter.sent).hasSize(1));
		}
		finally {
			live.stop();
		}
	}

	@Test
	void deltaWhileABrowserSubscribesShouldWaitUntilThatBrowsersSnapshotsAreQueued() throws Exception {
		PiecesStatus status = mock(PiecesStatus.class);
		StatusView view = new StatusView(Map.of(), true, null, true, 0, 0, null, null, null);
		CountDownLatch snapshotting = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		when(status.current()).thenAnswer((invocation) -> {
			snapshotting.countDown();
			release.await(30, TimeUnit.SECONDS);
			return view;
		});
		LiveUpdates live = new LiveUpdates(status);
		live.start();
		try {
			CompletableFuture<SseEmitter> subscribed = CompletableFuture.supplyAsync(live::subscribe);
			assertThat(snapshotting.await(30, TimeUnit.SECONDS)).isTrue();
			// the subscriber is registered, its status snapshot is being taken: a delta must not overtake it
			Thread delta = new Thread(() -> live.conversationRemoved(new Conversation("c1", "Gone", null,
					null, null, null, null, null, null, null, null, null, null, null, null, null)), "delta");
			delta.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> delta.getState() == Thread.State.BLOCKED);
			release.countDown();
			delta.join(TimeUnit.SECONDS.toMillis(30));
			assertThat(delta.isAlive()).isFalse();
			assertThat(subscribed.get(30, TimeUnit.SECONDS)).isNotNull();
		}
		finally {
			release.countDown();
			live.stop();
		}
	}

	private static long liveThreads(String prefix) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith(prefix) && thread.isAlive())
			.count();
	}

}
