package app.pieces.boot.event;

import app.pieces.model.WorkstreamPatternEngineStatus;
import app.pieces.websocket.PiecesStream;

/**
 * Published for every status of the long-term memory (LTM) vision stream
 * ({@code /workstream_pattern_engine/processors/vision/status/stream}): on connect and whenever LTM is turned on
 * or paused.
 *
 * @since 0.1.0
 */
public class LtmStatusEvent extends PiecesEvent {

	private static final long serialVersionUID = 1L;

	private final transient WorkstreamPatternEngineStatus status;

	/**
	 * Create a new event.
	 * @param source the LTM vision websocket
	 * @param status the status sent by Pieces OS
	 */
	public LtmStatusEvent(Object source, WorkstreamPatternEngineStatus status) {
		super(source, PiecesStream.LTM_VISION);
		this.status = status;
	}

	/**
	 * Return the status sent by Pieces OS.
	 * @return the status
	 */
	public WorkstreamPatternEngineStatus getStatus() {
		return this.status;
	}

	/**
	 * Return whether long-term memory is capturing.
	 * @return {@code true} if LTM is on
	 */
	public boolean isEnabled() {
		return this.status.isVisionEnabled();
	}

}
