package app.pieces.cache;

import java.time.Instant;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import app.pieces.client.PiecesClient;
import app.pieces.model.Asset;

/**
 * The cache of {@link Asset assets} behind the assets identifier stream, hydrated with
 * {@code GET /asset/{id}}. Reached through {@code AssetsIdentifiersWS.cache()}.
 *
 * @author Pieces starter team
 */
public class AssetCache extends IdentifierCache<Asset> {

	private final PiecesClient client;

	/**
	 * Create an asset cache.
	 * @param client the client used to fetch assets
	 * @param concurrency how many fetches may run at a time
	 * @param workers the pool fetches run on
	 * @param delayer schedules fetch retries
	 * @param callbacks the executor callbacks are delivered through
	 * @param listener the callbacks
	 * @param feed the feed the caller changes this cache through
	 */
	public AssetCache(PiecesClient client, int concurrency, Executor workers, TaskDelayer delayer, Executor callbacks,
			CacheListener<Asset> listener, CacheFeed feed) {
		super("assets", concurrency, workers, delayer, callbacks, listener, feed);
		this.client = client;
	}

	@Override
	Asset fetch(String id) {
		return this.client.asset(id);
	}

	@Override
	String idOf(Asset item) {
		return item.id();
	}

	@Override
	@Nullable Instant updatedOf(Asset item) {
		return item.updatedAt();
	}

}
