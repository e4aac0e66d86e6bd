package app.pieces.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import app.pieces.boot.event.AssetRemovedEvent;
import app.pieces.boot.event.AssetUpdatedEvent;
import app.pieces.boot.event.ConversationRemovedEvent;
import app.pieces.boot.event.ConversationUpdatedEvent;
import app.pieces.boot.event.PiecesEvent;
import app.pieces.boot.event.PiecesWebsocketConnectedEvent;
import app.pieces.websocket.PiecesStream;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;

/**
 * Records the application events of the starter: the last name seen per updated asset or
 * conversation, the removed ids, and the connect count per stream.
 */
class EventLog {

	private final Map<String, String> lastAssetName = new ConcurrentHashMap<>();

	private final Map<String, Integer> assetRemovals = new ConcurrentHashMap<>();

	private final Map<String, String> lastConversationName = new ConcurrentHashMap<>();

	private final Map<String, Integer> conversationRemovals = new ConcurrentHashMap<>();

	private final Map<PiecesStream, AtomicInteger> connects = new ConcurrentHashMap<>();

	private final List<PiecesEvent> all = new ArrayList<>();

	@EventListener
	void on(PiecesEvent event) {
		synchronized (this.all) {
			this.all.add(event);
		}
		if (event instanceof AssetUpdatedEvent updated) {
			this.lastAssetName.put(updated.getAsset().id(), nameOf(updated.getAsset().name()));
		}
		else if (event instanceof AssetRemovedEvent removed) {
			this.assetRemovals.merge(removed.getAsset().id(), 1, Integer::sum);
		}
		else if (event instanceof ConversationUpdatedEvent updated) {
			this.lastConversationName.put(updated.getConversation().id(), nameOf(updated.getConversation().name()));
		}
		else if (event instanceof ConversationRemovedEvent removed) {
			this.conversationRemovals.merge(removed.getConversation().id(), 1, Integer::sum);
		}
		else if (event instanceof PiecesWebsocketConnectedEvent) {
			this.connects.computeIfAbsent(event.getStream(), (stream) -> new AtomicInteger()).incrementAndGet();
		}
	}

	private static String nameOf(@Nullable String name) {
		return (name != null) ? name : "";
	}

	Optional<String> lastAssetName(String id) {
		return Optional.ofNullable(this.lastAssetName.get(id));
	}

	boolean assetRemoved(String id) {
		return this.assetRemovals.containsKey(id);
	}

	boolean assetSeen(String id) {
		return this.lastAssetName.containsKey(id);
	}

	Optional<String> lastConversationName(String id) {
		return Optional.ofNullable(this.lastConversationName.get(id));
	}

	boolean conversationRemoved(String id) {
		return this.conversationRemovals.containsKey(id);
	}

	boolean conversationSeen(String id) {
		return this.lastConversationName.containsKey(id);
	}

	int connects(PiecesStream stream) {
		AtomicInteger count = this.connects.get(stream);
		return (count != null) ? count.get() : 0;
	}

	<E extends PiecesEvent> List<E> of(Class<E> type) {
		synchronized (this.all) {
			return this.all.stream().filter(type::isInstance).map(type::cast).toList();
		}
	}

}
