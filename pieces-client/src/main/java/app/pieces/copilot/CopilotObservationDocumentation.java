package app.pieces.copilot;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documentation of the observations a {@link PiecesCopilot} records for each question (when it was given an
 * {@code ObservationRegistry}).
 */
public enum CopilotObservationDocumentation implements ObservationDocumentation {

	/**
	 * One question, from sending it to the terminal frame (or timeout, stop, connection loss).
	 */
	COPILOT_ASK {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultCopilotObservationConvention.class;
		}

		@Override
		public Observation.Event[] getEvents() {
			return Events.values();
		}

	},

	/**
	 * Time from sending a question to its first chunk of text: a child of {@link #COPILOT_ASK}.
	 */
	COPILOT_FIRST_CHUNK {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultCopilotFirstChunkObservationConvention.class;
		}

	};

	// both observations carry the same keys
	@Override
	public KeyName[] getLowCardinalityKeyNames() {
		return LowCardinalityKeyNames.values();
	}

	@Override
	public KeyName[] getHighCardinalityKeyNames() {
		return HighCardinalityKeyNames.values();
	}

	/**
	 * Low-cardinality keys: always present, usable as meter tags.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** How the answer ended: {@code success}, {@code failed}, {@code cancelled}, {@code timeout},
		 * {@code connection_lost} ({@code none} while in flight). */
		OUTCOME {
			@Override
			public String asString() {
				return "pieces.copilot.outcome";
			}
		},

		/** Name of the model used, {@code none} when Pieces OS chose. */
		MODEL {
			@Override
			public String asString() {
				return "pieces.copilot.model";
			}
		},

		/** {@code new} when the question started a conversation, {@code existing} for a follow-up. */
		CONVERSATION {
			@Override
			public String asString() {
				return "pieces.copilot.conversation";
			}
		}

	}

	/**
	 * High-cardinality keys: for traces only.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The {@code request} id sent to Pieces OS. */
		REQUEST_ID {
			@Override
			public String asString() {
				return "pieces.copilot.request.id";
			}
		},

		/** The conversation id ({@code none} until known). */
		CONVERSATION_ID {
			@Override
			public String asString() {
				return "pieces.copilot.conversation.id";
			}
		},

		/** Number of chunks received. */
		CHUNKS {
			@Override
			public String asString() {
				return "pieces.copilot.chunks";
			}
		}

	}

	/**
	 * Events of the {@link #COPILOT_ASK} observation.
	 */
	public enum Events implements Observation.Event {

		/**
		 * The first chunk of text arrived. Micrometer's default meter handler counts it as
		 * {@code pieces.copilot.ask.first.chunk.received} (observation name + event name).
		 */
		FIRST_CHUNK {
			@Override
			public String getName() {
				return "first.chunk.received";
			}

			@Override
			public String getContextualName() {
				return "first.chunk.received";
			}
		}

	}

}
