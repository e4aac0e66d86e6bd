package app.pieces.copilot;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import app.pieces.client.PiecesClient;
import app.pieces.client.PiecesNotFoundException;
import app.pieces.model.Conversation;
import app.pieces.model.Model;
import app.pieces.model.Models;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.ConversationWS;
import app.pieces.websocket.IdentifierCache;

/**
 * What a copilot looks up: the models Pieces OS offers (fetched once, again on a miss) and the conversations (in
 * the conversation cache, else over REST).
 */
final class CopilotCatalog {

	private final PiecesClient client;

	private final AskStreamWS askStream;

	private final @Nullable IdentifierCache<Conversation> conversationCache;

	private volatile @Nullable Models models;

	CopilotCatalog(PiecesClient client, AskStreamWS askStream,
			@Nullable IdentifierCache<Conversation> conversationCache) {
		this.client = client;
		this.askStream = askStream;
		this.conversationCache = conversationCache;
	}

	List<Model> models() {
		Models fetched = this.client.models();
		this.models = fetched;
		return fetched.iterable();
	}

	Model model(String nameOrId) {
		Assert.hasText(nameOrId, "'nameOrId' must not be empty");
		Models known = this.models;
		if (known != null) {
			Optional<Model> model = find(known, nameOrId);
			if (model.isPresent()) {
				return model.get();
			}
		}
		models();
		Models fresh = Objects.requireNonNull(this.models);
		return find(fresh, nameOrId).orElseThrow(() -> new UnknownModelException(nameOrId,
				fresh.iterable().stream().map(Model::name).filter(Objects::nonNull).toList()));
	}

	private static Optional<Model> find(Models models, String nameOrId) {
		Optional<Model> byName = models.findByName(nameOrId);
		if (byName.isPresent()) {
			return byName;
		}
		String lowerCase = nameOrId.toLowerCase(Locale.ROOT);
		return models.iterable()
			.stream()
			.filter((model) -> model.name() != null && model.name().toLowerCase(Locale.ROOT).equals(lowerCase))
			.findFirst()
			.or(() -> models.findById(nameOrId));
	}

	List<Conversation> conversations() {
		IdentifierCache<Conversation> cache = findConversationCache();
		Assert.state(cache != null, "No conversation cache: register a ConversationWS with the socket's manager "
				+ "or give the PiecesCopilot builder the conversations cache");
		return cache.snapshot();
	}

	Optional<Conversation> conversation(String id) {
		Assert.hasText(id, "'id' must not be empty");
		IdentifierCache<Conversation> cache = findConversationCache();
		if (cache != null) {
			Optional<Conversation> cached = cache.get(id);
			if (cached.isPresent()) {
				return cached;
			}
		}
		try {
			return Optional.of(this.client.conversation(id));
		}
		catch (PiecesNotFoundException ex) {
			return Optional.empty();
		}
	}

	private @Nullable IdentifierCache<Conversation> findConversationCache() {
		if (this.conversationCache != null) {
			return this.conversationCache;
		}
		return this.askStream.manager().socket(ConversationWS.class).map(ConversationWS::cache).orElse(null);
	}

}
