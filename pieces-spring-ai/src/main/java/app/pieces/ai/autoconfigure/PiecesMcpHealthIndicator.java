package app.pieces.ai.autoconfigure;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import app.pieces.ai.mcp.PiecesMcpToolCallbackProvider;
import app.pieces.ai.mcp.PiecesMcpToolCallbackProvider.State;
import app.pieces.ai.mcp.PiecesMcpToolCallbackProvider.Status;

/**
 * The {@code piecesMcp} health contributor: UP while the MCP session with Pieces OS is open (transport, endpoint,
 * tools), DOWN with the reason otherwise. Reads the link's state only; never calls Pieces OS.
 */
final class PiecesMcpHealthIndicator implements HealthIndicator {

	private final PiecesMcpToolCallbackProvider provider;

	PiecesMcpHealthIndicator(PiecesMcpToolCallbackProvider provider) {
		this.provider = provider;
	}

	@Override
	public Health health() {
		Status status = this.provider.status();
		Health.Builder health = (status.state() == State.CONNECTED) ? Health.up() : Health.down();
		health.withDetail("state", status.state().name());
		if (status.transport() != null) {
			health.withDetail("transport", status.transport().label());
		}
		if (status.url() != null) {
			health.withDetail("url", status.url());
		}
		health.withDetail("tools", status.tools());
		health.withDetail("sessionsOpened", status.sessionsOpened());
		if (status.problem() != null && status.state() != State.CONNECTED) {
			health.withDetail("reason", status.problem());
		}
		return health.build();
	}

}
