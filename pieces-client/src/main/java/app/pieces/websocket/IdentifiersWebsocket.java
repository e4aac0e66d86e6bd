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
import tools.jackson.databind.JsonNode;

import app.pieces.cache.CacheFeed;
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
 * reported as a malformed frame; the other items of the frame are applied. A frame that is
 * not an object with an {@code iterable} list ({@code null}, {@code {}}, ...) is malformed,
 * never an empty list. If the authoritative first frame cannot be decoded at all, the
 * connection is dropped and re-established (with backoff) to obtain a fresh full list, rather
 * than treating the next delta as the full list; the cache keeps its items meanwhile. If
 * some items of the full list had to be skipped, the list is not authoritative: its readable
 * ids are fetched, nothing is removed, and the cache stays out of sync
 * ({@link IdentifierCache#isSynced()} is false) until the next connect. If the full list is rejected
 * unread (larger than the size limit), later frames are applied as deltas and the cache stays
 * out of sync ({@link IdentifierCache#isSynced()} is false) until the next connect.
 *
 * @param <E> the cached item type
 * @author Pieces starter team
 */
public abstract class IdentifiersWebsocket<E> extends BaseWebsocket<StreamedIdentifiers> {

	private static final Log logger = LogFactory.getLog(IdentifiersWebsocket.class);

	private final IdentifierCache<E> cache;

	private final CacheFeed feed = new CacheFeed();

	// confined to the serial executor
	private boolean expectFullList;

	/**
	 * Create an identifier socket.
	 * @param manager the manager
	 * @param stream the stream
	 * @param listener the seed listener, or {@code null}
	 * @param cacheFactory creates this socket's cache
	 */
	IdentifiersWebsocket(PiecesWebsocketManager manager, PiecesStream stream,
			@Nullable WebsocketListener<? super StreamedIdentifiers> listener, CacheFactory<E> cacheFactory) {
		super(manager, stream, listener);
		Executor workers = (task) -> manager.workers().execute(task);
		TaskDelayer delayer = manager::schedule;
		this.cache = cacheFactory.create(manager.settings().hydrationConcurrency(), workers, delayer, serialExecutor(),
				new Dispatcher(), this.feed);
	}

	/**
	 * Return this socket's cache. Callers can read it and wait for it; only this socket
	 * changes it (through the cache's {@link CacheFeed}, which it keeps to itself).
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
	abstract @Nullable String referencedId(StreamedIdentifier item);

	/**
	 * Return the name of the reference field, for error messages (e.g. {@code asset}).
	 * @return the field name
	 */
	abstract String referenceName();

	/**
	 * Call the stream-specific update callback of a listener, if it has one.
	 * @param listener the listener
	 * @param item the stored item
	 */
	abstract void notifyUpdate(WebsocketListener<? super StreamedIdentifiers> listener, E item);

	/**
	 * Call the stream-specific remove callback of a listener, if it has one.
	 * @param listener the listener
	 * @param item the removed item
	 */
	abstract void notifyRemove(WebsocketListener<? super StreamedIdentifiers> listener, E item);

	/**
	 * Close the socket and pause the cache's fetches (queued ids are fetched after the next
	 * connect).
	 */
	@Override
	public void close() {
		super.close();
		this.feed.pause();
	}

	@Override
	void onConnected() {
		this.expectFullList = true;
		this.feed.resume();
	}

	/**
	 * Mark the cache out of sync and pause its fetches until the next connect (whose full
	 * list re-plans them), rather than letting them fail one by one while Pieces OS is away.
	 */
	@Override
	void onDisconnected(CloseStatus status) {
		this.expectFullList = false;
		this.feed.connectionLost();
	}

	@Override
	void onFrameRejected(FrameOutcome outcome) {
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
	FrameOutcome processText(String text) {
		// whatever happens below, only the first frame after a connect is the full list
		boolean fullList = this.expectFullList;
		this.expectFullList = false;
		try {
			return (fullList) ? processFullList(text) : processDelta(text);
		}
		catch (RuntimeException ex) {
			if (fullList) {
				resync();
				return badFrame(FrameOutcome.MALFORMED,
						"the full identifier list after connect could not be applied; reconnecting to get a fresh list",
						ex);
			}
			throw ex;
		}
	}

	private FrameOutcome processDelta(String text) {
		StreamedIdentifiers frame;
		try {
			frame = decode(text);
		}
		catch (RuntimeException ex) {
			return badFrame(FrameOutcome.MALFORMED, "not a StreamedIdentifiers object", ex);
		}
		Items items = readItems(frame);
		this.feed.applyDelta(items.events);
		deliver(frame);
		return reportSkipped(items, "");
	}

	private FrameOutcome processFullList(String text) {
		StreamedIdentifiers frame;
		try {
			frame = decode(text);
		}
		catch (RuntimeException ex) {
			FrameOutcome outcome = badFrame(FrameOutcome.MALFORMED,
					"the full identifier list after connect is not a StreamedIdentifiers object; reconnecting to get a fresh list",
					ex);
			resync();
			return outcome;
		}
		Items items = readItems(frame);
		if (items.skipped == 0) {
			this.feed.applyAuthoritative(items.events);
			deliver(frame);
			return FrameOutcome.PROCESSED;
		}
		// A full list we could not read completely is not authoritative: removing what it
		// seems to lack could delete real items. Fetch what it names, delete nothing, and stay
		// out of sync until the next connect brings a complete list.
		this.feed.applyDelta(items.events.stream().filter((event) -> !event.deleted()).toList());
		deliver(frame);
		return reportSkipped(items,
				"; the full list after connect is incomplete, so nothing was removed and the cache stays out of sync until the next connect");
	}

	/**
	 * Decode a frame, rejecting anything but an object with an {@code iterable} list: a
	 * {@code null} frame or one without {@code iterable} does not mean "no items".
	 */
	private StreamedIdentifiers decode(String text) {
		JsonNode tree = client().jsonMapper().readTree(text);
		JsonNode iterable = (tree != null && tree.isObject()) ? tree.get("iterable") : null;
		if (iterable == null || !iterable.isArray()) {
			throw new IllegalArgumentException("no 'iterable' list in the frame");
		}
		StreamedIdentifiers frame = client().jsonMapper().treeToValue(tree, StreamedIdentifiers.class);
		if (frame == null) {
			throw new IllegalArgumentException("the frame decoded to null");
		}
		return frame;
	}

	private Items readItems(StreamedIdentifiers frame) {
		List<IdentifierEvent> events = new ArrayList<>(frame.iterable().size());
		int skipped = 0;
		for (StreamedIdentifier item : frame.iterable()) {
			String id = (item != null) ? referencedId(item) : null;
			if (item == null || id == null || id.isBlank()) {
				skipped++;
				continue;
			}
			GroupedTimestamp updated = item.updated();
			Instant updatedAt = (updated != null) ? updated.value() : null;
			events.add(new IdentifierEvent(id, item.isDeleted(), updatedAt));
		}
		return new Items(events, skipped);
	}

	private FrameOutcome reportSkipped(Items items, String consequence) {
		if (items.skipped > 0) {
			return badFrame(FrameOutcome.MALFORMED, items.skipped + " item(s) without '" + referenceName() + "' skipped, "
					+ items.events.size() + " applied" + consequence, null);
		}
		return FrameOutcome.PROCESSED;
	}

	private record Items(List<IdentifierEvent> events, int skipped) {
	}

	/**
	 * Creates the cache of an identifier socket.
	 *
	 * @param <E> the item type
	 */
	@FunctionalInterface
	interface CacheFactory<E> {

		/**
		 * Create the cache.
		 * @param concurrency the hydration concurrency
		 * @param workers the pool fetches run on
		 * @param delayer the retry scheduler
		 * @param callbacks the socket's serial executor
		 * @param listener the socket's cache listener
		 * @param feed the feed the socket changes the cache through; pass it to the cache's
		 * constructor
		 * @return the cache
		 */
		IdentifierCache<E> create(int concurrency, Executor workers, TaskDelayer delayer, Executor callbacks,
				CacheListener<E> listener, CacheFeed feed);

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
