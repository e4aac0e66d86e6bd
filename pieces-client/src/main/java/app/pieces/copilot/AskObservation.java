package app.pieces.copilot;

import org.jspecify.annotations.Nullable;

/**
 * What {@link CopilotAnswer} reports to the observation layer. An interface of our own keeps Micrometer
 * (optional) out of the answer's code: without an {@code ObservationRegistry} the copilot uses {@link #NOOP}
 * and never loads a Micrometer class.
 */
interface AskObservation {

	/** Records nothing. */
	AskObservation NOOP = new AskObservation() {
	};

	/**
	 * The conversation id became known.
	 * @param conversationId the id
	 */
	default void conversation(String conversationId) {
	}

	/**
	 * The first chunk arrived.
	 */
	default void firstChunk() {
	}

	/**
	 * The answer ended; called exactly once.
	 * @param outcome how it ended
	 * @param chunkCount the number of chunks received
	 * @param error the error it ended with, if any
	 */
	default void stop(CopilotOutcome outcome, int chunkCount, @Nullable Throwable error) {
	}

	/**
	 * Starts an {@link AskObservation} per question.
	 */
	@FunctionalInterface
	interface Factory {

		/** Starts {@link AskObservation#NOOP}. */
		Factory NOOP = (request, requestId, modelName) -> AskObservation.NOOP;

		/**
		 * Start observing a question.
		 * @param request the request
		 * @param requestId its {@code request} id
		 * @param modelName the resolved model name, if any
		 * @return the observation
		 */
		AskObservation start(CopilotRequest request, String requestId, @Nullable String modelName);

	}

}
