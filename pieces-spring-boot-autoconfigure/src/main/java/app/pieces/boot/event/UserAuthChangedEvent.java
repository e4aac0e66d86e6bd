package app.pieces.boot.event;

import java.util.Optional;

import app.pieces.model.UserProfile;
import app.pieces.websocket.PiecesStream;
import org.jspecify.annotations.Nullable;

/**
 * Published for every frame of the user stream ({@code /user/stream}): a user signed in, signed
 * out or changed their profile.
 *
 * @since 0.1.0
 */
public class UserAuthChangedEvent extends PiecesEvent {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable UserProfile user;

	/**
	 * Create a new event.
	 * @param source the user websocket
	 * @param user the signed-in user's profile, or {@code null} when signed out
	 */
	public UserAuthChangedEvent(Object source, @Nullable UserProfile user) {
		super(source, PiecesStream.USER);
		this.user = user;
	}

	/**
	 * Return the signed-in user's profile.
	 * @return the profile, empty when nobody is signed in
	 */
	public Optional<UserProfile> getUser() {
		return Optional.ofNullable(this.user);
	}

	/**
	 * Return whether a user is signed in.
	 * @return whether a user is signed in
	 */
	public boolean isSignedIn() {
		return this.user != null;
	}

	@Override
	protected String describe() {
		return "signedIn=" + isSignedIn();
	}

}
