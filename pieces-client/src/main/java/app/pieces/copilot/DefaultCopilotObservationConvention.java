package app.pieces.copilot;

/**
 * Default {@link CopilotObservationConvention}: name {@code pieces.copilot.ask}, low-cardinality tags
 * {@code pieces.copilot.outcome}, {@code pieces.copilot.model} and {@code pieces.copilot.conversation}
 * (always present, {@code none} when unknown), high-cardinality tags for the request and conversation ids and
 * the chunk count (traces only, never meter tags).
 */
public class DefaultCopilotObservationConvention extends CopilotConventionSupport
		implements CopilotObservationConvention {

	/** Name of the observation of a whole answer. */
	public static final String NAME = "pieces.copilot.ask";

	/**
	 * Create the default convention.
	 */
	public DefaultCopilotObservationConvention() {
		super(NAME, "copilot ask");
	}

}
