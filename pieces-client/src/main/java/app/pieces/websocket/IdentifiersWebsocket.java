package app.pieces.websocket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

import app.pieces.client.PiecesClient;
import app.pieces.model.EmbeddedModelSchema;
import app.pieces.model.GroupedTimestamp;
import app.pieces.model.StreamedIdentifier;
import app.pieces.model.StreamedIdentifiers;

/**
 * The identifier streams (assets, conversations, anchors, ranges, workstream summaries), one implementation
 * configured by an {@link IdentifierStream} descriptor, created with {@link PiecesWebsocketManager#identifiers}
 * (assets and conversations also have their own socket types): every frame is a
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
public sealed class IdentifiersWebsocket<E> extends BaseWebsocket<StreamedIdentifiers>
		permits AssetsIdentifiersWS, ConversationWS {

	private static final Log logger = LogFactory.getLog(IdentifiersWebsocket.class);

	/**
	 * A delta naming more ids than this that the cache does not hold is re-planned from a fresh full list (read in
	 * one request) instead of one fetch per id: one frame must not turn into thousands of REST calls queued ahead
	 * of the next real change.
	 */
	static final int DELTA_RESYNC_THRESHOLD = 500;

	private final IdentifierStream<E> descriptor;

	private final DefaultIdentifierCache<E> cache;

	// confined to the serial executor
	private boolean expectFullList;

	/**
	 * Create an identifier socket.
	 * @param manager the manager
	 * @param descriptor what tells this stream from the others
	 * @param listener the seed listener, or {@code null}
	 */
	IdentifiersWebsocket(PiecesWebsocketManager manager, IdentifierStream<E> descriptor,
			@Nullable WebsocketListener<? super StreamedIdentifiers> listener) {
		super(manager, descriptor.stream(), listener);
		this.descriptor = descriptor;
		Executor workers = (task) -> manager.workers().execute(task);
		TaskDelayer delayer = manager::schedule;
		CacheSource<E> source = new CacheSource<>() {

			@Override
			public E fetch(String id) {
				return descriptor.fetch(manager.client(), id);
			}

			@Override
			public boolean supportsBulk() {
				return descriptor.supportsFetchAll() && manager.settings().bulkSync();
			}

			@Override
			public void fetchAll(Consumer<E> action) {
				descriptor.fetchAll(manager.client(), action);
			}

			@Override
			public String idOf(E item) {
				return descriptor.idOf(item);
			}

			@Override
			public @Nullable Instant updatedOf(E item) {
				return descriptor.updatedOf(item);
			}

		};
		this.cache = new DefaultIdentifierCache<>(descriptor.stream().tag(), source,
				manager.settings().hydrationConcurrency(), workers, delayer, serialExecutor(), new Dispatcher());
	}

	/**
	 * Return a listener that applies the writes of this client to the cache at once, so that a read right after a
	 * write sees it.
	 * @return the listener to register with the client's writes of this stream's items
	 */
	final PiecesClient.WriteListener<E> cacheWrites() {
		return new PiecesClient.WriteListener<>() {

			@Override
			public void written(E item) {
				IdentifiersWebsocket.this.cache.applyWrite(IdentifiersWebsocket.this.descriptor.idOf(item), item);
			}

			@Override
			public void deleted(String id) {
				IdentifiersWebsocket.this.cache.applyWrite(id, null);
			}

		};
	}

	/**
	 * Return the descriptor of this stream.
	 * @return the descriptor
	 */
	public IdentifierStream<E> descriptor() {
		return this.descriptor;
	}

	/**
	 * Return this socket's cache. Callers can read it and wait for it; only this socket
	 * changes it.
	 * @return the cache
	 */
	public IdentifierCache<E> cache() {
		return this.cache;
	}

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
	void onConnected() {
		// the cache resumes once the full list is applied: fetches queued before the disconnect would otherwise
		// start one by one just before the list re-plans them (in bulk, most likely)
		this.expectFullList = true;
	}

	/**
	 * Mark the cache out of sync and pause its fetches until the next connect (whose full
	 * list re-plans them), rather than letting them fail one by one while Pieces OS is away.
	 */
	@Override
	void onDisconnected(CloseStatus status) {
		this.expectFullList = false;
		this.cache.connectionLost();
	}

	@Override
	void onFrameRejected(FrameOutcome outcome) {
		if (this.expectFullList) {
			// Reconnecting would most likely fetch the same unusable list again: stay connected,
			// apply later frames as deltas and leave the cache out of sync until the next connect.
			this.expectFullList = false;
			this.cache.resume();
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
		// counted only for a delta that could be a flood: the usual one-item delta costs no lookup
		long unknown = (items.events.size() > DELTA_RESYNC_THRESHOLD) ? items.events.stream()
			.filter((event) -> !event.deleted() && this.cache.get(event.id()).isEmpty())
			.count() : 0;
		if (unknown > DELTA_RESYNC_THRESHOLD && manager().settings().bulkSync() && this.descriptor.supportsFetchAll()) {
			logger.warn("A " + stream().tag() + " delta named " + unknown + " " + this.descriptor.itemName()
					+ " ids the cache does not hold; reconnecting for a fresh full list, read in one request, instead of "
					+ unknown + " fetches");
			resync();
			deliver(frame);
			return reportSkipped(items, "");
		}
		this.cache.applyDelta(items.events);
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
			this.cache.applyAuthoritative(items.events);
			this.cache.resume();
			deliver(frame);
			return FrameOutcome.PROCESSED;
		}
		// A full list we could not read completely is not authoritative: removing what it
		// seems to lack could delete real items. Fetch what it names, delete nothing, and stay
		// out of sync until the next connect brings a complete list.
		this.cache.applyDelta(items.events.stream().filter((event) -> !event.deleted()).toList());
		this.cache.resume();
		deliver(frame);
		return reportSkipped(items,
				"; the full list after connect is incomplete, so nothing was removed and the cache stays out of sync until the next connect");
	}

	/**
	 * Decode a frame, rejecting anything but an object with an {@code iterable} list: a
	 * {@code null} frame or one without {@code iterable} does not mean "no items".
	 */
	private StreamedIdentifiers decode(String text) {
		// one pass: a full list names every id, and a tree of it first would double its cost
		Frame frame = client().jsonMapper().readValue(text, Frame.class);
		if (frame == null) {
			throw new IllegalArgumentException("the frame is null");
		}
		if (frame.iterable() == null) {
			throw new IllegalArgumentException("no 'iterable' list in the frame");
		}
		return new StreamedIdentifiers(frame.iterable(), frame.schema());
	}

	/**
	 * A frame as sent: a missing or {@code null} {@code iterable} stays {@code null} (the model's is empty), and a
	 * single object there is no list.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	private record Frame(
			@JsonProperty("iterable") @JsonFormat(without = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
			@Nullable List<StreamedIdentifier> iterable,
			@JsonProperty("schema") @Nullable EmbeddedModelSchema schema) {
	}

	private Items readItems(StreamedIdentifiers frame) {
		List<IdentifierEvent> events = new ArrayList<>(frame.iterable().size());
		int skipped = 0;
		for (StreamedIdentifier item : frame.iterable()) {
			String id = (item != null) ? this.descriptor.referencedId(item) : null;
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
			return badFrame(FrameOutcome.MALFORMED, items.skipped + " item(s) without '" + this.descriptor.itemName() + "' skipped, "
					+ items.events.size() + " applied" + consequence, null);
		}
		return FrameOutcome.PROCESSED;
	}

	private record Items(List<IdentifierEvent> events, int skipped) {
	}

	private final class Dispatcher implements CacheListener<E> {

		@Override
		public void onUpdate(E item) {
			publish(new ClientEvent.ItemUpdated<>(IdentifiersWebsocket.this, item));
			forEachListener((listener) -> IdentifiersWebsocket.this.descriptor.notifyUpdate(listener, item), "onUpdate");
		}

		@Override
		public void onRemove(E item) {
			publish(new ClientEvent.ItemRemoved<>(IdentifiersWebsocket.this, item));
			forEachListener((listener) -> IdentifiersWebsocket.this.descriptor.notifyRemove(listener, item), "onRemove");
		}

		@Override
		public void onError(String id, Throwable error) {
			reportError(new IllegalStateException("Could not fetch " + IdentifiersWebsocket.this.descriptor.itemName() + " "
					+ PiecesClient.shortened(id) + " of the " + stream().tag() + " stream", error));
		}

		@Override
		public void onSynced(Duration took, int size, ClientEvent.SyncPath path) {
			publish(new ClientEvent.Synced(IdentifiersWebsocket.this, took, size, path));
		}

	}

}
