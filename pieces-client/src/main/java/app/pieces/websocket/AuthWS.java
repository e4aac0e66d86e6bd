package app.pieces.websocket;

import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import app.pieces.model.UserProfile;

/**
 * The user stream ({@code /user/stream}): a bare {@link UserProfile} JSON object while
 * signed in; an empty frame or {@code null} means signed out (as the official clients read it) and is
 * delivered as {@link Optional#empty()}. Anything else (text that is not JSON, NUL bytes, nesting beyond
 * Jackson's limits, a JSON value that is not a profile) is a malformed frame: reported, the last known user
 * kept, and the user read again with {@code GET /user} on a worker, delivered only if it changed and no newer
 * frame arrived meanwhile. Junk on the stream therefore never signs the user out by itself.
 *
 * @author Pieces starter team
 */
public final class AuthWS extends BaseWebsocket<Optional<UserProfile>> {

	private volatile Optional<UserProfile> currentUser = Optional.empty();

	// confined to the serial executor: counts frames, so that a REST confirmation never overrides a newer frame
	private long frames;

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
		this.frames++;
		if (text.isBlank()) {
			return received(Optional.empty());
		}
		JsonNode tree;
		try {
			tree = client().jsonMapper().readTree(text);
		}
		catch (JacksonException ex) {
			// the parser's message may quote the frame: log the error type only
			return unreadable("not JSON", ex);
		}
		if (tree == null || tree.isNull() || tree.isMissingNode()) {
			return received(Optional.empty());
		}
		if (!tree.isObject()) {
			return unreadable("expected a user profile object, got " + tree.getNodeType(), null);
		}
		UserProfile user;
		try {
			user = client().jsonMapper().treeToValue(tree, UserProfile.class);
		}
		catch (RuntimeException ex) {
			// decoder messages may quote profile values (e.g. the email): log the error type only
			return unreadable("not a user profile", ex);
		}
		return received(Optional.of(user));
	}

	private FrameOutcome received(Optional<UserProfile> user) {
		this.currentUser = user;
		deliver(user);
		return FrameOutcome.PROCESSED;
	}

	private FrameOutcome unreadable(String what, @Nullable Throwable cause) {
		confirmOverRest(this.frames);
		return badFrame(FrameOutcome.MALFORMED, what + "; keeping the current user and reading it with GET /user",
				cause, false);
	}

	/** Read the user over REST on a worker; apply it on the serial executor unless a newer frame came first. */
	private void confirmOverRest(long frame) {
		try {
			manager().executor().execute(() -> {
				Optional<UserProfile> user;
				try {
					user = client().user();
				}
				catch (RuntimeException ex) {
					serialExecutor().execute(() -> reportError(new IllegalStateException(
							"Could not confirm the signed-in user with GET /user after an unreadable user frame", ex)));
					return;
				}
				serialExecutor().execute(() -> {
					if (this.frames == frame && !user.equals(this.currentUser)) {
						received(user);
					}
				});
			});
		}
		catch (RejectedExecutionException ex) {
			// the manager is closing: nothing to deliver to
		}
	}

}
