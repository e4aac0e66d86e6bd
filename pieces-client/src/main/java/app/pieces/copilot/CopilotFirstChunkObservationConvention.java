package app.pieces.copilot;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for the {@code pieces.copilot.ask.first.chunk} observation (time from the
 * question to the first chunk); implement it (or extend {@link DefaultCopilotFirstChunkObservationConvention})
 * to change the name or tags.
 */
public interface CopilotFirstChunkObservationConvention extends ObservationConvention<CopilotObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CopilotObservationContext copilotContext
				&& copilotContext.getKind() == CopilotObservationContext.Kind.FIRST_CHUNK;
	}

}
