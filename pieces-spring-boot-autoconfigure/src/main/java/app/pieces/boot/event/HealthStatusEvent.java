package app.pieces.boot.event;

import java.util.Locale;

import app.pieces.websocket.PiecesStream;

/**
 * Published for every frame of the health stream ({@code /.well-known/stream/health}).
 *
 * @since 0.1.0
 */
public class HealthStatusEvent extends PiecesEvent {

	private static final long serialVersionUID = 1L;

	private final String status;

	/**
	 * Create a new event.
	 * @param source the health websocket
	 * @param status the status text sent by Pieces OS
	 */
	public HealthStatusEvent(Object source, String status) {
		super(source, PiecesStream.HEALTH);
		this.status = status;
	}

	/**
	 * Return the status text sent by Pieces OS, for example {@code OK}.
	 * @return the status text
	 */
	public String getStatus() {
		return this.status;
	}

	/**
	 * Return whether the status says Pieces OS is healthy (the text starts with {@code ok},
	 * ignoring case).
	 * @return whether Pieces OS is healthy
	 */
	public boolean isHealthy() {
		return this.status.toLowerCase(Locale.ROOT).startsWith("ok");
	}

	@Override
	protected String describe() {
		return "healthy=" + isHealthy();
	}

}
