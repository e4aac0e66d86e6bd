package app.pieces.copilot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChunkStream}.
 */
class ChunkStreamTests {

	@Test
	void listenerRegisteredLateShouldReceiveEarlierChunksFirstThenLiveOnes() {
		ChunkStream stream = new ChunkStream();
		stream.append("a");
		stream.append("b");
		List<String> seen = new ArrayList<>();
		stream.addListener(seen::add);
		stream.append("c");
		assertThat(seen).containsExactly("a", "b", "c");
		assertThat(stream.text()).isEqualTo("abc");
	}

	@Test
	void failingListenerShouldNotStopOtherListenersOrTheStream() {
		ChunkStream stream = new ChunkStream();
		List<String> seen = new ArrayList<>();
		stream.addListener((chunk) -> {
			throw new IllegalStateException("listener bug");
		});
		stream.addListener(seen::add);
		stream.append("a");
		stream.append("b");
		assertThat(seen).containsExactly("a", "b");
	}

	@Test
	void chunksAfterTerminationShouldBeDropped() {
		ChunkStream stream = new ChunkStream();
		stream.append("a");
		assertThat(stream.terminate(null)).isTrue();
		assertThat(stream.append("b")).isFalse();
		assertThat(stream.terminate(new IllegalStateException())).isFalse();
		assertThat(stream.text()).isEqualTo("a");
	}

	@Test
	void subscriberShouldReceiveOnlyWhatItRequestedAndThenComplete() {
		ChunkStream stream = new ChunkStream();
		RecordingSubscriber subscriber = new RecordingSubscriber();
		stream.subscribe(subscriber);
		stream.append("a");
		stream.append("b");
		stream.append("c");
		assertThat(subscriber.items).isEmpty();
		subscriber.subscription().request(2);
		assertThat(subscriber.items).containsExactly("a", "b");
		stream.terminate(null);
		assertThat(subscriber.completed).isFalse();
		subscriber.subscription().request(1);
		assertThat(subscriber.items).containsExactly("a", "b", "c");
		assertThat(subscriber.completed).isTrue();
	}

	@Test
	void subscriberJoiningAfterTheEndShouldReplayEverythingAndTheError() {
		ChunkStream stream = new ChunkStream();
		stream.append("a");
		IllegalStateException failure = new IllegalStateException("boom");
		stream.terminate(failure);
		RecordingSubscriber subscriber = new RecordingSubscriber();
		stream.subscribe(subscriber);
		subscriber.subscription().request(Long.MAX_VALUE);
		assertThat(subscriber.items).containsExactly("a");
		assertThat(subscriber.error).isSameAs(failure);
		assertThat(subscriber.completed).isFalse();
	}

	@Test
	void nonPositiveRequestShouldSignalIllegalArgumentException() {
		ChunkStream stream = new ChunkStream();
		RecordingSubscriber subscriber = new RecordingSubscriber();
		stream.subscribe(subscriber);
		subscriber.subscription().request(0);
		assertThat(subscriber.error).isInstanceOf(IllegalArgumentException.class);
		stream.append("a");
		assertThat(subscriber.items).isEmpty();
	}

	@Test
	void cancelledSubscriberShouldReceiveNothingMore() {
		ChunkStream stream = new ChunkStream();
		RecordingSubscriber subscriber = new RecordingSubscriber();
		stream.subscribe(subscriber);
		subscriber.subscription().request(Long.MAX_VALUE);
		stream.append("a");
		subscriber.subscription().cancel();
		stream.append("b");
		stream.terminate(null);
		assertThat(subscriber.items).containsExactly("a");
		assertThat(subscriber.completed).isFalse();
	}

	@Test
	void subscriberThrowingFromOnNextShouldBeCancelledWithoutBreakingTheStream() {
		ChunkStream stream = new ChunkStream();
		RecordingSubscriber broken = new RecordingSubscriber() {
			@Override
			public void onNext(String item) {
				throw new IllegalStateException("subscriber bug");
			}
		};
		RecordingSubscriber healthy = new RecordingSubscriber();
		stream.subscribe(broken);
		stream.subscribe(healthy);
		broken.subscription().request(Long.MAX_VALUE);
		healthy.subscription().request(Long.MAX_VALUE);
		stream.append("a");
		stream.append("b");
		stream.terminate(null);
		assertThat(healthy.items).containsExactly("a", "b");
		assertThat(healthy.completed).isTrue();
		assertThat(broken.completed).isFalse();
	}

	static class RecordingSubscriber implements Flow.Subscriber<String> {

		final List<String> items = new CopyOnWriteArrayList<>();

		final AtomicReference<Flow.@Nullable Subscription> subscription = new AtomicReference<>();

		volatile boolean completed;

		volatile @Nullable Throwable error;

		Flow.Subscription subscription() {
			Flow.Subscription current = this.subscription.get();
			assertThat(current).isNotNull();
			return current;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription.set(subscription);
		}

		@Override
		public void onNext(String item) {
			this.items.add(item);
		}

		@Override
		public void onError(Throwable throwable) {
			this.error = throwable;
		}

		@Override
		public void onComplete() {
			this.completed = true;
		}

	}

}
