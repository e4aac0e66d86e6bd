package app.pieces.copilot;

import io.micrometer.common.KeyValues;

/**
 * Default {@link CopilotObservationConvention}: name {@code pieces.copilot.ask}, low-cardinality tags
 * {@code pieces.copilot.outcome}, {@code pieces.copilot.model} and {@code pieces.copilot.conversation}
 * (always present, {@code none} when unknown), high-cardinality tags for the request and conversation ids and
 * the chunk count (traces only, never meter tags).
 */
public class DefaultCopilotObservationConvention implements CopilotObservationConvention {

	/** Name of the observation of a whole answer. */
	public static final String NAME = "pieces.copilot.ask";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(CopilotObservationContext context) {
		return "copilot ask";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CopilotObservationContext context) {
		return CopilotKeyValues.lowCardinality(context);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(CopilotObservationContext context) {
		return CopilotKeyValues.highCardinality(context);
	}

}
