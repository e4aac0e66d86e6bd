package app.pieces.websocket;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import app.pieces.client.PiecesClient;
import app.pieces.model.Anchor;
import app.pieces.model.Asset;
import app.pieces.model.Conversation;
import app.pieces.model.Range;
import app.pieces.model.ReferencedAsset;
import app.pieces.model.ReferencedConversation;
import app.pieces.model.StreamedIdentifier;
import app.pieces.model.WorkstreamSummary;

/**
 * What tells one identifier stream from another: its path, how to find an item's id in a frame, how to fetch an
 * item (and, where Pieces OS offers it, the whole collection in one request), and its id and update time.
 * Listeners that implement {@link IdentifiersListener} ({@link AssetsListener} and {@link ConversationsListener}
 * among them) receive the changes.
 * Everything else (sockets, caches, resync, retries) is one implementation; a new stream is one more descriptor.
 *
 * @param <T> the type of the items
 * @author Pieces starter team
 */
public final class IdentifierStream<T> {

	/**
	 * The assets stream ({@code /assets/stream/identifiers}); items fetched without their content, all at once
	 * with {@code GET /assets?transferables=false} or one by one with {@code GET /asset/{id}?transferables=false}.
	 */
	public static final IdentifierStream<Asset> ASSETS = new IdentifierStream<>(PiecesStream.ASSETS, Asset.class,
			"asset", (item) -> idOf(item.asset()), (client, id) -> client.asset(id, false), PiecesClient::forEachAsset,
			Asset::id, Asset::updatedAt);

	/**
	 * The conversations stream ({@code /conversations/stream/identifiers}); items fetched all at once with
	 * {@code GET /conversations?transferables=false} or one by one with {@code GET /conversation/{id}}.
	 */
	public static final IdentifierStream<Conversation> CONVERSATIONS = new IdentifierStream<>(
			PiecesStream.CONVERSATIONS, Conversation.class, "conversation", (item) -> idOf(item.conversation()),
			PiecesClient::conversation, PiecesClient::forEachConversation, Conversation::id, Conversation::updatedAt);

	/**
	 * The anchors stream ({@code /anchors/stream/identifiers}): the files and folders Pieces OS tracks, fetched
	 * all at once with {@code GET /anchors} or one by one with {@code GET /anchor/{id}}.
	 */
	public static final IdentifierStream<Anchor> ANCHORS = new IdentifierStream<>(PiecesStream.ANCHORS, Anchor.class,
			"anchor", (item) -> (item.anchor() != null) ? item.anchor().id() : null,
			(client, id) -> client.workstream().anchor(id),
			(client, action) -> client.workstream().forEachAnchor(action), Anchor::id, Anchor::updatedAt);

	/**
	 * The ranges stream ({@code /ranges/stream/identifiers}): the time spans of the workstream, fetched all at
	 * once with {@code GET /ranges} or one by one with {@code GET /range/{id}}.
	 */
	public static final IdentifierStream<Range> RANGES = new IdentifierStream<>(PiecesStream.RANGES, Range.class,
			"range", (item) -> (item.range() != null) ? item.range().id() : null,
			(client, id) -> client.workstream().range(id),
			(client, action) -> client.workstream().forEachRange(action), Range::id, Range::updatedAt);

	/**
	 * The workstream summaries stream ({@code /workstream_summaries/stream/identifiers}): the long-term memory
	 * summaries, fetched all at once with {@code GET /workstream_summaries} or one by one with
	 * {@code GET /workstream_summary/{id}}.
	 */
	public static final IdentifierStream<WorkstreamSummary> WORKSTREAM_SUMMARIES = new IdentifierStream<>(
			PiecesStream.WORKSTREAM_SUMMARIES, WorkstreamSummary.class, "workstream summary",
			(item) -> (item.workstreamSummary() != null) ? item.workstreamSummary().id() : null,
			(client, id) -> client.workstream().summary(id),
			(client, action) -> client.workstream().forEachSummary(action), WorkstreamSummary::id,
			WorkstreamSummary::updatedAt);

	private final PiecesStream stream;

	private final Class<T> itemType;

	private final String itemName;

	private final Function<StreamedIdentifier, @Nullable String> referencedId;

	private final BiFunction<PiecesClient, String, T> fetch;

	private final @Nullable BiConsumer<PiecesClient, Consumer<T>> fetchAll;

	private final Function<T, String> id;

	private final Function<T, @Nullable Instant> updated;

	private IdentifierStream(PiecesStream stream, Class<T> itemType, String itemName,
			Function<StreamedIdentifier, @Nullable String> referencedId, BiFunction<PiecesClient, String, T> fetch,
			@Nullable BiConsumer<PiecesClient, Consumer<T>> fetchAll, Function<T, String> id,
			Function<T, @Nullable Instant> updated) {
		this.stream = stream;
		this.itemType = itemType;
		this.itemName = itemName;
		this.referencedId = referencedId;
		this.fetch = fetch;
		this.fetchAll = fetchAll;
		this.id = id;
		this.updated = updated;
	}

	/**
	 * Return every identifier stream this client speaks, in {@link PiecesStream} order.
	 * @return the descriptors
	 */
	public static List<IdentifierStream<?>> all() {
		return List.of(ASSETS, CONVERSATIONS, ANCHORS, RANGES, WORKSTREAM_SUMMARIES);
	}

	/**
	 * Return the stream.
	 * @return the stream
	 */
	public PiecesStream stream() {
		return this.stream;
	}

	/**
	 * Return the type of the items, e.g. {@code Anchor.class}.
	 * @return the item type
	 */
	public Class<T> itemType() {
		return this.itemType;
	}

	/**
	 * Return what one item is called in messages, e.g. {@code asset}.
	 * @return the item name
	 */
	public String itemName() {
		return this.itemName;
	}

	@Nullable String referencedId(StreamedIdentifier item) {
		return this.referencedId.apply(item);
	}

	T fetch(PiecesClient client, String itemId) {
		return Objects.requireNonNull(this.fetch.apply(client, itemId), "fetched item");
	}

	boolean supportsFetchAll() {
		return this.fetchAll != null;
	}

	void fetchAll(PiecesClient client, Consumer<T> action) {
		Objects.requireNonNull(this.fetchAll, "fetchAll").accept(client, action);
	}

	/**
	 * Return the id of an item of this stream.
	 * @param item the item
	 * @return its id
	 */
	public String idOf(T item) {
		return this.id.apply(item);
	}

	@Nullable Instant updatedOf(T item) {
		return this.updated.apply(item);
	}

	void notifyUpdate(WebsocketListener<?> listener, T item) {
		IdentifierStream.<T>typed(listener).ifPresent((typed) -> typed.onItemUpdate(item));
	}

	void notifyRemove(WebsocketListener<?> listener, T item) {
		IdentifierStream.<T>typed(listener).ifPresent((typed) -> typed.onItemRemove(item));
	}

	private static <T> Optional<IdentifiersListener<T>> typed(WebsocketListener<?> listener) {
		if (!(listener instanceof IdentifiersListener<?> items)) {
			return Optional.empty();
		}
		// a listener on this stream's socket listens to this stream's items (see IdentifiersListener)
		@SuppressWarnings("unchecked")
		IdentifiersListener<T> typed = (IdentifiersListener<T>) items;
		return Optional.of(typed);
	}

	private static @Nullable String idOf(@Nullable ReferencedAsset asset) {
		return (asset != null) ? asset.id() : null;
	}

	private static @Nullable String idOf(@Nullable ReferencedConversation conversation) {
		return (conversation != null) ? conversation.id() : null;
	}

	@Override
	public String toString() {
		return "IdentifierStream[" + this.stream.tag() + "]";
	}

}
