package app.pieces.copilot;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for the {@code pieces.copilot.ask} observation of a whole answer; implement it
 * (or extend {@link DefaultCopilotObservationConvention}) to change the name or tags.
 */
public interface CopilotObservationConvention extends ObservationConvention<CopilotObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CopilotObservationContext copilotContext
				&& copilotContext.getKind() == CopilotObservationContext.Kind.ASK;
	}

}
