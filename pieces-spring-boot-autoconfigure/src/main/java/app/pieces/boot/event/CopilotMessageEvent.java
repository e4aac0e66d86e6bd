package app.pieces.boot.event;

import app.pieces.model.QGPTStreamOutput;
import app.pieces.websocket.PiecesStream;

/**
 * Published for every frame of the copilot stream ({@code /qgpt/stream}): one
 * {@link QGPTStreamOutput} per event, whichever question it answers.
 *
 * @since 0.1.0
 */
public class CopilotMessageEvent extends PiecesEvent {

	private static final long serialVersionUID = 1L;

	private final transient QGPTStreamOutput output;

	/**
	 * Create a new event.
	 * @param source the copilot websocket
	 * @param output the decoded frame
	 */
	public CopilotMessageEvent(Object source, QGPTStreamOutput output) {
		super(source, PiecesStream.QGPT);
		this.output = output;
	}

	/**
	 * Return the decoded frame.
	 * @return the frame
	 */
	public QGPTStreamOutput getOutput() {
		return this.output;
	}

	@Override
	protected String describe() {
		return "status=" + this.output.status();
	}

}
