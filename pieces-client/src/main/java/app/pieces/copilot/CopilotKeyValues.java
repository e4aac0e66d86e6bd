package app.pieces.copilot;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import app.pieces.copilot.CopilotObservationDocumentation.HighCardinalityKeyNames;
import app.pieces.copilot.CopilotObservationDocumentation.LowCardinalityKeyNames;

/**
 * Key values shared by the two default conventions.
 */
final class CopilotKeyValues {

	private static final String NONE = "none";

	private CopilotKeyValues() {
	}

	static KeyValues lowCardinality(CopilotObservationContext context) {
		CopilotOutcome outcome = context.getOutcome();
		String model = context.getModelName();
		return KeyValues.of(
				KeyValue.of(LowCardinalityKeyNames.OUTCOME, (outcome != null) ? outcome.tagValue() : NONE),
				KeyValue.of(LowCardinalityKeyNames.MODEL, (model != null) ? model : NONE),
				KeyValue.of(LowCardinalityKeyNames.CONVERSATION,
						context.getRequest().isNewConversation() ? "new" : "existing"));
	}

	static KeyValues highCardinality(CopilotObservationContext context) {
		String conversationId = context.getConversationId();
		return KeyValues.of(KeyValue.of(HighCardinalityKeyNames.REQUEST_ID, context.getRequestId()),
				KeyValue.of(HighCardinalityKeyNames.CONVERSATION_ID, (conversationId != null) ? conversationId : NONE),
				KeyValue.of(HighCardinalityKeyNames.CHUNKS, Integer.toString(context.getChunkCount())));
	}

}
