package app.pieces.boot.event;

import app.pieces.websocket.HealthWS;
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
	 * Return whether the status says Pieces OS is healthy, by the same rule as the health
	 * socket and the health indicator: {@link HealthWS#isHealthy(String)}.
	 * @return whether Pieces OS is healthy
	 */
	public boolean isHealthy() {
		return HealthWS.isHealthy(this.status);
	}

	@Override
	protected String describe() {
		return "healthy=" + isHealthy();
	}

}
