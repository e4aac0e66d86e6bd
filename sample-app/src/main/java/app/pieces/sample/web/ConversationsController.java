package app.pieces.sample.web;

import java.time.Instant;
import java.util.List;

import app.pieces.client.PiecesClient;
import app.pieces.client.PiecesConversations;
import app.pieces.model.Conversation;
import app.pieces.model.ConversationMessage;
import app.pieces.sample.live.ItemViews;
import app.pieces.sample.live.ItemViews.ConversationView;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample's chats beyond the list: read one's messages, rename it, delete it, through the starter's
 * {@link PiecesConversations}.
 *
 * @author Pieces starter team
 */
@RestController
@RequestMapping(path = "/api/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
public class ConversationsController {

	private final PiecesConversations conversations;

	ConversationsController(PiecesClient client) {
		this.conversations = client.conversations();
	}

	/**
	 * The messages of a conversation, oldest first.
	 * @param id the conversation id
	 * @return the messages
	 */
	@GetMapping("/{id}/messages")
	public List<MessageView> messages(@PathVariable String id) {
		return this.conversations.messages(id).stream().map(ConversationsController::view).toList();
	}

	/**
	 * Rename a conversation.
	 * @param id the conversation id
	 * @param request the new name
	 * @return the renamed conversation
	 */
	@PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	public ConversationView rename(@PathVariable String id, @RequestBody Rename request) {
		Conversation renamed = this.conversations.rename(id, request.name());
		return ItemViews.of(renamed);
	}

	/**
	 * Delete a conversation.
	 * @param id the conversation id
	 * @return {@code 204}
	 */
	@DeleteMapping("/{id}")
	public ResponseEntity<Void> delete(@PathVariable String id) {
		this.conversations.delete(id);
		return ResponseEntity.noContent().build();
	}

	private static MessageView view(ConversationMessage message) {
		return new MessageView(message.id(), (message.role() != null) ? message.role().wireValue() : "UNKNOWN",
				message.text(), message.createdAt());
	}

	/**
	 * A new name.
	 *
	 * @param name the name
	 */
	public record Rename(@Nullable String name) {

	}

	/**
	 * One message, as {@code GET /api/conversations/{id}/messages} returns it.
	 *
	 * @param id the message id
	 * @param role {@code USER}, {@code ASSISTANT} or {@code SYSTEM}
	 * @param text its text
	 * @param created when it was written
	 */
	public record MessageView(String id, String role, String text, @Nullable Instant created) {

	}

}
