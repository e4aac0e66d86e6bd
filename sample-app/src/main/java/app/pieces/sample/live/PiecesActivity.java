package app.pieces.sample.live;

import java.util.concurrent.atomic.AtomicBoolean;

import app.pieces.boot.event.AssetRemovedEvent;
import app.pieces.boot.event.AssetUpdatedEvent;
import app.pieces.boot.event.ConversationRemovedEvent;
import app.pieces.boot.event.ConversationUpdatedEvent;
import app.pieces.boot.event.HealthStatusEvent;
import app.pieces.boot.event.PiecesWebsocketConnectedEvent;
import app.pieces.boot.event.PiecesWebsocketDisconnectedEvent;
import app.pieces.boot.event.UserAuthChangedEvent;
import app.pieces.websocket.PiecesStream;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.stereotype.Component;

/**
 * The intended way to react to Pieces OS: plain {@code @EventListener} methods for the
 * starter's events. They run on the starter's event delivery, one event at a
 * time and in order, and that thread is shared by every listener of every Pieces event: a
 * listener must return quickly. Work that calls Pieces OS (here: reading its version over REST
 * after the health stream connects) is handed to Spring Boot's application task executor, and
 * the page is told once the answer is in.
 *
 * @author Pieces starter team
 */
@Component
public class PiecesActivity {

	private static final Log logger = LogFactory.getLog(PiecesActivity.class);

	private final LiveUpdates live;

	private final PiecesStatus status;

	private final TaskExecutor taskExecutor;

	private final AtomicBoolean healthy = new AtomicBoolean();

	/**
	 * Create the listener.
	 * @param live the page's live updates
	 * @param status the status shown on the page
	 * @param taskExecutor Spring Boot's {@code applicationTaskExecutor}, for work that must not
	 * run on the starter's event delivery
	 */
	PiecesActivity(LiveUpdates live, PiecesStatus status, TaskExecutor taskExecutor) {
		this.live = live;
		this.status = status;
		this.taskExecutor = taskExecutor;
	}

	@EventListener
	void onHealth(HealthStatusEvent event) {
		if (this.healthy.getAndSet(event.isHealthy()) != event.isHealthy()) {
			logger.info(event.isHealthy() ? "Pieces OS is healthy" : "Pieces OS reports a problem");
			this.live.statusChanged();
		}
	}

	@EventListener
	void onUserChanged(UserAuthChangedEvent event) {
		// the profile carries an email address: log only whether somebody is signed in
		logger.info(event.isSignedIn() ? "A user is signed in to Pieces OS" : "No user is signed in to Pieces OS");
		this.live.statusChanged();
	}

	@EventListener
	void onAssetUpdated(AssetUpdatedEvent event) {
		this.live.assetUpdated(event.getAsset());
	}

	@EventListener
	void onAssetRemoved(AssetRemovedEvent event) {
		this.live.assetRemoved(event.getAsset());
	}

	@EventListener
	void onConversationUpdated(ConversationUpdatedEvent event) {
		this.live.conversationUpdated(event.getConversation());
	}

	@EventListener
	void onConversationRemoved(ConversationRemovedEvent event) {
		this.live.conversationRemoved(event.getConversation());
	}

	@EventListener
	void onConnected(PiecesWebsocketConnectedEvent event) {
		if (event.getStream() == PiecesStream.HEALTH) {
			// a blocking REST call: never on the starter's event delivery
			try {
				this.taskExecutor.execute(() -> {
					this.status.refreshVersion();
					this.live.statusChanged();
				});
			}
			catch (TaskRejectedException ex) {
				logger.debug("Not reading the Pieces OS version: the application is shutting down");
			}
		}
		this.live.statusChanged();
	}

	@EventListener
	void onDisconnected(PiecesWebsocketDisconnectedEvent event) {
		if (event.getStream() == PiecesStream.HEALTH) {
			this.healthy.set(false);
		}
		this.live.statusChanged();
	}

}
