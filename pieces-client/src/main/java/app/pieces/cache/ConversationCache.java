package app.pieces.cache;

import java.time.Instant;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import app.pieces.client.PiecesClient;
import app.pieces.model.Conversation;

/**
 * The cache of {@link Conversation conversations} behind the conversations identifier stream, hydrated with
 * {@code GET /conversation/{id}}. Reached through {@code ConversationWS.cache()}.
 *
 * @author Pieces starter team
 */
public class ConversationCache extends IdentifierCache<Conversation> {

	private final PiecesClient client;

	/**
	 * Create a conversation cache.
	 * @param client the client used to fetch conversations
	 * @param concurrency how many fetches may run at a time
	 * @param workers the pool fetches run on
	 * @param delayer schedules fetch retries
	 * @param callbacks the executor callbacks are delivered through
	 * @param listener the callbacks
	 * @param feed the feed the caller changes this cache through
	 */
	public ConversationCache(PiecesClient client, int concurrency, Executor workers, TaskDelayer delayer, Executor callbacks,
			CacheListener<Conversation> listener, CacheFeed feed) {
		super("conversations", concurrency, workers, delayer, callbacks, listener, feed);
		this.client = client;
	}

	@Override
	Conversation fetch(String id) {
		return this.client.conversation(id);
	}

	@Override
	String idOf(Conversation item) {
		return item.id();
	}

	@Override
	@Nullable Instant updatedOf(Conversation item) {
		return item.updatedAt();
	}

}
