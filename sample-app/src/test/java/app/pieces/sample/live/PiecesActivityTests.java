package app.pieces.sample.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import app.pieces.boot.event.PiecesWebsocketConnectedEvent;
import app.pieces.client.PiecesClient;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.PiecesStream;
import app.pieces.websocket.PiecesWebsocketManager;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link PiecesActivity}: listeners on the starter's one-at-a-time event delivery must
 * not call Pieces OS themselves.
 */
class PiecesActivityTests {

	private final LiveUpdates live = mock(LiveUpdates.class);

	private final PiecesStatus status = mock(PiecesStatus.class);

	private final List<Runnable> tasks = new CopyOnWriteArrayList<>();

	@Test
	void healthConnectedShouldReadTheVersionOnTheTaskExecutorNotOnTheEventsThread() {
		PiecesActivity activity = new PiecesActivity(this.live, this.status, this.tasks::add);
		activity.onConnected(new PiecesWebsocketConnectedEvent(socket(PiecesStream.HEALTH)));
		verify(this.status, never()).refreshVersion();
		verify(this.live).statusChanged();
		assertThat(this.tasks).hasSize(1);
		this.tasks.get(0).run();
		var order = inOrder(this.status, this.live);
		order.verify(this.status).refreshVersion();
		order.verify(this.live).statusChanged();
	}

	@Test
	void otherStreamConnectedShouldNotReadTheVersion() {
		PiecesActivity activity = new PiecesActivity(this.live, this.status, this.tasks::add);
		activity.onConnected(new PiecesWebsocketConnectedEvent(socket(PiecesStream.ASSETS)));
		assertThat(this.tasks).isEmpty();
		verify(this.live).statusChanged();
	}

	@Test
	void healthConnectedWhenExecutorIsShutDownShouldNotThrow() {
		PiecesActivity activity = new PiecesActivity(this.live, this.status, (task) -> {
			throw new TaskRejectedException("shut down");
		});
		activity.onConnected(new PiecesWebsocketConnectedEvent(socket(PiecesStream.HEALTH)));
		verify(this.status, never()).refreshVersion();
		verify(this.live).statusChanged();
	}

	/**
	 * A real socket of the stream (sockets are sealed, so not mockable); building one does no I/O.
	 */
	private static BaseWebsocket<?> socket(PiecesStream stream) {
		PiecesWebsocketManager manager = new PiecesWebsocketManager(PiecesClient.builder().build());
		BaseWebsocket<?> socket = (stream == PiecesStream.HEALTH) ? manager.health(null) : manager.assets(null);
		assertThat(socket.stream()).isEqualTo(stream);
		return socket;
	}

}
