package app.pieces.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the simulator's state, the Java twin of {@code GET /__simulator/state}.
 *
 * @param assets ids of all live assets, newest first (the order of the identifier stream's full list)
 * @param conversations ids of all live conversations, most recently updated first
 * @param user the signed-in {@code UserProfile} as a JSON map, or {@code null} when signed out
 * @param healthy whether {@code /.well-known/health} answers 200
 * @param version what {@code /.well-known/version} answers
 */
public record SimulatorState(List<String> assets, List<String> conversations, @Nullable Map<String, Object> user,
		boolean healthy, String version) {

	/**
	 * Create a snapshot.
	 * @param assets ids of all live assets
	 * @param conversations ids of all live conversations
	 * @param user the signed-in user or {@code null}
	 * @param healthy whether healthy
	 * @param version the version string
	 */
	public SimulatorState {
		assets = List.copyOf(assets);
		conversations = List.copyOf(conversations);
		user = (user != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(user)) : null;
	}

	/**
	 * Whether a user is signed in.
	 * @return {@code true} when {@link #user()} is not {@code null}
	 */
	public boolean signedIn() {
		return this.user != null;
	}

	@Override
	public String toString() {
		return "SimulatorState[assets=" + this.assets.size() + ", conversations=" + this.conversations.size()
				+ ", signedIn=" + signedIn() + ", healthy=" + this.healthy + ", version=" + this.version + "]";
	}

}
