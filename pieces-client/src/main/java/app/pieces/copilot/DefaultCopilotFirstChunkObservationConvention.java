package app.pieces.copilot;

/**
 * Default {@link CopilotFirstChunkObservationConvention}: name {@code pieces.copilot.ask.first.chunk}, with
 * the same tags as {@link DefaultCopilotObservationConvention}; its outcome is {@code success} when a chunk
 * arrived, otherwise the outcome of the answer.
 */
public class DefaultCopilotFirstChunkObservationConvention extends CopilotConventionSupport
		implements CopilotFirstChunkObservationConvention {

	/** Name of the observation of the time to the first chunk. */
	public static final String NAME = "pieces.copilot.ask.first.chunk";

	/**
	 * Create the default convention.
	 */
	public DefaultCopilotFirstChunkObservationConvention() {
		super(NAME, "copilot first chunk");
	}

}
