package app.pieces.websocket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

import app.pieces.cache.CacheListener;
import app.pieces.cache.IdentifierCache;
import app.pieces.cache.IdentifierEvent;
import app.pieces.cache.TaskDelayer;
import app.pieces.model.GroupedTimestamp;
import app.pieces.model.StreamedIdentifier;
import app.pieces.model.StreamedIdentifiers;

/**
 * Base class of the identifier streams (assets, conversations): every frame is a
 * {@link StreamedIdentifiers} list that feeds this socket's {@link IdentifierCache}. The
 * first frame after every connect is the authoritative full list; later frames are deltas.
 * Listeners receive each raw frame through {@code onMessage} and the cache's changes through
 * the stream-specific update/remove callbacks, all on this socket's serial executor.
 * <p>
 * An item without its reference (e.g. no {@code asset} on the assets stream) is skipped and
 * reported as a malformed frame; the other items of the frame are applied. If the
 * authoritative first frame cannot be decoded at all, the connection is dropped and
 * re-established (with backoff) to obtain a fresh full list, rather than treating the next
 * delta as the full list; the cache keeps its items meanwhile. If the full list is rejected
 * unread (larger than the size limit), later frames are applied as deltas and the cache stays
 * out of sync ({@link IdentifierCache#isSynced()} is false) until the next connect.
 *
 * @param <E> the cached item type
 * @author Pieces starter team
 */
public abstract class IdentifiersWebsocket<E> extends BaseWebsocket<StreamedIdentifiers> {

	private static final Log logger = LogFactory.getLog(IdentifiersWebsocket.class);

	private final IdentifierCache<E> cache;

	// confined to the serial executor
	private boolean expectFullList;

	/**
	 * Create an identifier socket.
	 * @param manager the manager
	 * @param stream the stream
	 * @param listener the seed listener, or {@code null}
	 * @param cacheFactory creates this socket's cache
	 */
	protected IdentifiersWebsocket(PiecesWebsocketManager manager, PiecesStream stream,
			@Nullable WebsocketListener<? super StreamedIdentifiers> listener, CacheFactory<E> cacheFactory) {
		super(manager, stream, listener);
		Executor workers = (task) -> manager.workers().execute(task);
		TaskDelayer delayer = manager::schedule;
		this.cache = cacheFactory.create(manager.settings().hydrationConcurrency(), workers, delayer, serialExecutor(),
				new Dispatcher());
	}

	/**
	 * Return this socket's cache.
	 * @return the cache
	 */
	public IdentifierCache<E> cache() {
		return this.cache;
	}

	/**
	 * Return the id of the reference this stream carries in an item, e.g. {@code asset.id}.
	 * @param item the item
	 * @return the id, or {@code null} if the item lacks its reference
	 */
	protected abstract @Nullable String referencedId(StreamedIdentifier item);

	/**
	 * Return the name of the reference field, for error messages (e.g. {@code asset}).
	 * @return the field name
	 */
	protected abstract String referenceName();

	/**
	 * Call the stream-specific update callback of a listener, if it has one.
	 * @param listener the listener
	 * @param item the stored item
	 */
	protected abstract void notifyUpdate(WebsocketListener<? super StreamedIdentifiers> listener, E item);

	/**
	 * Call the stream-specific remove callback of a listener, if it has one.
	 * @param listener the listener
	 * @param item the removed item
	 */
	protected abstract void notifyRemove(WebsocketListener<? super StreamedIdentifiers> listener, E item);

	/**
	 * Close the socket and pause the cache's fetches (queued ids are fetched after the next
	 * connect).
	 */
	@Override
	public void close() {
		super.close();
		this.cache.pause();
	}

	@Override
	protected void onConnected() {
		this.expectFullList = true;
		this.cache.resume();
	}

	@Override
	protected void onDisconnected(CloseStatus status) {
		this.expectFullList = false;
		this.cache.connectionLost();
	}

	@Override
	protected void onFrameRejected(FrameOutcome outcome) {
		if (this.expectFullList) {
			// Reconnecting would most likely fetch the same unusable list again: stay connected,
			// apply later frames as deltas and leave the cache out of sync until the next connect.
			this.expectFullList = false;
			logger.warn("The full " + stream().tag() + " list after connect was rejected (" + outcome.tag()
					+ "); the cache stays out of sync until the next connect"
					+ ((outcome == FrameOutcome.OVERSIZED) ? ": raise the maximum text message size" : ""));
		}
	}

	@Override
	protected FrameOutcome processText(String text) {
		StreamedIdentifiers frame;
		try {
			frame = client().jsonMapper().readValue(text, StreamedIdentifiers.class);
		}
		catch (RuntimeException ex) {
			if (this.expectFullList) {
				this.expectFullList = false;
				FrameOutcome outcome = badFrame(FrameOutcome.MALFORMED,
						"the full identifier list after connect is not a StreamedIdentifiers object; reconnecting to get a fresh list",
						ex);
				resync();
				return outcome;
			}
			return badFrame(FrameOutcome.MALFORMED, "not a StreamedIdentifiers object", ex);
		}
		List<IdentifierEvent> events = new ArrayList<>(frame.iterable().size());
		int missing = 0;
		for (StreamedIdentifier item : frame.iterable()) {
			String id = (item != null) ? referencedId(item) : null;
			if (id == null || id.isBlank()) {
				missing++;
				continue;
			}
			GroupedTimestamp updated = item.updated();
			Instant updatedAt = (updated != null) ? updated.value() : null;
			events.add(new IdentifierEvent(id, item.isDeleted(), updatedAt));
		}
		if (this.expectFullList) {
			this.expectFullList = false;
			this.cache.applyAuthoritative(events);
		}
		else {
			this.cache.applyDelta(events);
		}
		deliver(frame);
		if (missing > 0) {
			return badFrame(FrameOutcome.MALFORMED,
					missing + " item(s) without '" + referenceName() + "' skipped, " + events.size() + " applied", null);
		}
		return FrameOutcome.PROCESSED;
	}

	/**
	 * Creates the cache of an identifier socket.
	 *
	 * @param <E> the item type
	 */
	@FunctionalInterface
	protected interface CacheFactory<E> {

		/**
		 * Create the cache.
		 * @param concurrency the hydration concurrency
		 * @param workers the pool fetches run on
		 * @param delayer the retry scheduler
		 * @param callbacks the socket's serial executor
		 * @param listener the socket's cache listener
		 * @return the cache
		 */
		IdentifierCache<E> create(int concurrency, Executor workers, TaskDelayer delayer, Executor callbacks,
				CacheListener<E> listener);

	}

	private final class Dispatcher implements CacheListener<E> {

		@Override
		public void onUpdate(E item) {
			observe((observer) -> observer.cacheUpdated(IdentifiersWebsocket.this.cache, item));
			forEachListener((listener) -> notifyUpdate(listener, item), "onUpdate");
		}

		@Override
		public void onRemove(E item) {
			observe((observer) -> observer.cacheRemoved(IdentifiersWebsocket.this.cache, item));
			forEachListener((listener) -> notifyRemove(listener, item), "onRemove");
		}

		@Override
		public void onError(String id, Throwable error) {
			reportError(new IllegalStateException(
					"Could not fetch " + referenceName() + " " + id + " of the " + stream().tag() + " stream", error));
		}

		@Override
		public void onSynced(Duration took, int size) {
			observe((observer) -> observer.cacheHydrated(IdentifiersWebsocket.this.cache, took, size));
		}

	}

}
