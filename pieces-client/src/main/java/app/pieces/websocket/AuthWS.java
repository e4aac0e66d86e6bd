package app.pieces.websocket;

import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import app.pieces.model.UserProfile;

/**
 * The user stream ({@code /user/stream}): a bare {@link UserProfile} JSON object while
 * signed in; an empty frame, {@code null} or text that is not JSON means signed out and is
 * delivered as {@link Optional#empty()}. A JSON value that is not a profile (e.g. {@code {}}
 * or an array) is a malformed frame: reported, and the last known user is kept.
 *
 * @author Pieces starter team
 */
public final class AuthWS extends BaseWebsocket<Optional<UserProfile>> {

	private volatile Optional<UserProfile> currentUser = Optional.empty();

	/**
	 * Create a user socket with the Python SDK's callbacks.
	 * @param manager the manager
	 * @param onMessage called with the user, empty on logout, or {@code null}
	 * @param onOpen called after each connect, or {@code null}
	 * @param onError called on errors, or {@code null}
	 * @param onClose called when a connection ends, or {@code null}
	 */
	public AuthWS(PiecesWebsocketManager manager, @Nullable Consumer<? super Optional<UserProfile>> onMessage,
			@Nullable Runnable onOpen, @Nullable Consumer<? super Throwable> onError,
			@Nullable Consumer<? super CloseStatus> onClose) {
		this(manager, WebsocketListener.of(onMessage, onOpen, onError, onClose));
	}

	/**
	 * Create a user socket.
	 * @param manager the manager
	 * @param listener the seed listener, or {@code null}
	 */
	public AuthWS(PiecesWebsocketManager manager,
			@Nullable WebsocketListener<? super Optional<UserProfile>> listener) {
		super(manager, PiecesStream.USER, listener);
	}

	/**
	 * Return the user of the last frame.
	 * @return the signed-in user, or empty if signed out or nothing was received yet
	 */
	public Optional<UserProfile> currentUser() {
		return this.currentUser;
	}

	@Override
	FrameOutcome processText(String text) {
		if (text.isBlank()) {
			return signedOut();
		}
		JsonNode tree;
		try {
			tree = client().jsonMapper().readTree(text);
		}
		catch (JacksonException ex) {
			return signedOut();
		}
		if (tree == null || tree.isNull() || tree.isMissingNode()) {
			return signedOut();
		}
		if (!tree.isObject()) {
			return badFrame(FrameOutcome.MALFORMED, "expected a user profile object, got " + tree.getNodeType(), null);
		}
		UserProfile user;
		try {
			user = client().jsonMapper().treeToValue(tree, UserProfile.class);
		}
		catch (RuntimeException ex) {
			// decoder messages may quote profile values (e.g. the email): log the error type only
			return badFrame(FrameOutcome.MALFORMED, "not a user profile", ex, false);
		}
		Optional<UserProfile> signedIn = Optional.of(user);
		this.currentUser = signedIn;
		deliver(signedIn);
		return FrameOutcome.PROCESSED;
	}

	private FrameOutcome signedOut() {
		this.currentUser = Optional.empty();
		deliver(Optional.empty());
		return FrameOutcome.PROCESSED;
	}

}
