package app.pieces.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import app.pieces.boot.event.AssetUpdatedEvent;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.simulator.PiecesOsSimulator;
import app.pieces.websocket.AssetsIdentifiersWS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow consumer of the starter's own events: an {@code @EventListener} that blocks delays only the events after
 * it. While it blocks, the streams, the caches and the copilot go on; once it returns, it receives every event
 * once, none lost.
 */
class SlowListenerTests {

	private static final int CHANGES = 200;

	@Test
	void blockedListenerShouldDelayOnlyLaterEvents() throws Exception {
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder().assets(3).build().start();
				ConfigurableApplicationContext context = ReliabilityApplication
					.run(Map.of("base-url", simulator.baseUrl()), SlowListenerConfiguration.class)) {
			AssetsIdentifiersWS assets = context.getBean(AssetsIdentifiersWS.class);
			BlockingListener listener = context.getBean(BlockingListener.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> assets.cache().isSynced());
			await().atMost(Duration.ofSeconds(30)).until(listener::isBlocked);
			List<String> created = new ArrayList<>();
			for (int i = 0; i < CHANGES; i++) {
				created.add(simulator.createAsset("While the listener blocks " + i, "echo " + i, "sh"));
			}
			// the cache and the copilot are not held up by the blocked listener
			await().atMost(Duration.ofSeconds(30)).until(() -> assets.cache().ids().containsAll(created));
			String question = "Still answering?";
			assertThat(context.getBean(PiecesCopilot.class).askAndWait(question, Duration.ofSeconds(30)))
				.isEqualTo(simulator.copilot().answerFor(question));
			listener.release();
			// every change reaches the listener once: none lost, none twice (in the order the cache stored them,
			// which fetches several at a time, so not necessarily the order they were made in)
			await().atMost(Duration.ofSeconds(30)).until(() -> listener.ids().containsAll(created));
			List<String> seen = listener.ids().stream().filter(created::contains).toList();
			assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class SlowListenerConfiguration {

		@Bean
		BlockingListener blockingListener() {
			return new BlockingListener();
		}

	}

	/**
	 * Blocks on the first asset event until released, then records every asset it is told about.
	 */
	static class BlockingListener {

		private final CountDownLatch release = new CountDownLatch(1);

		private final List<String> ids = new CopyOnWriteArrayList<>();

		private volatile boolean blocked;

		@EventListener
		void on(AssetUpdatedEvent event) throws InterruptedException {
			if (this.release.getCount() > 0) {
				this.blocked = true;
				this.release.await(2, TimeUnit.MINUTES);
				this.blocked = false;
			}
			this.ids.add(event.getAsset().id());
		}

		boolean isBlocked() {
			return this.blocked;
		}

		void release() {
			this.release.countDown();
		}

		List<String> ids() {
			return this.ids;
		}

	}

}
