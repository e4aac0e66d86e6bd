package app.pieces.sample.live;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

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

	private static long liveThreads(String prefix) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith(prefix) && thread.isAlive())
			.count();
	}

}
