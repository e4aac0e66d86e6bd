package app.pieces.copilot;

import io.micrometer.common.KeyValues;

/**
 * Default {@link CopilotFirstChunkObservationConvention}: name {@code pieces.copilot.ask.first.chunk}, with
 * the same tags as {@link DefaultCopilotObservationConvention}; its outcome is {@code success} when a chunk
 * arrived, otherwise the outcome of the answer.
 */
public class DefaultCopilotFirstChunkObservationConvention implements CopilotFirstChunkObservationConvention {

	/** Name of the observation of the time to the first chunk. */
	public static final String NAME = "pieces.copilot.ask.first.chunk";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(CopilotObservationContext context) {
		return "copilot first chunk";
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
