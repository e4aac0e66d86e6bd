package app.pieces.copilot;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import app.pieces.copilot.CopilotObservationDocumentation.HighCardinalityKeyNames;
import app.pieces.copilot.CopilotObservationDocumentation.LowCardinalityKeyNames;

/**
 * What the two default conventions share: the tags, and a name and contextual name given by each.
 */
abstract class CopilotConventionSupport {

	private static final String NONE = "none";

	private final String name;

	private final String contextualName;

	CopilotConventionSupport(String name, String contextualName) {
		this.name = name;
		this.contextualName = contextualName;
	}

	/**
	 * Return the name of the observation.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the contextual name of the observation (the span name).
	 * @param context the context
	 * @return the contextual name
	 */
	public String getContextualName(CopilotObservationContext context) {
		return this.contextualName;
	}

	/**
	 * Return the low-cardinality tags: outcome, model and whether the conversation is new.
	 * @param context the context
	 * @return the tags
	 */
	public KeyValues getLowCardinalityKeyValues(CopilotObservationContext context) {
		CopilotOutcome outcome = context.getOutcome();
		String model = context.getModelName();
		return KeyValues.of(
				KeyValue.of(LowCardinalityKeyNames.OUTCOME, (outcome != null) ? outcome.tagValue() : NONE),
				KeyValue.of(LowCardinalityKeyNames.MODEL, (model != null) ? model : NONE),
				KeyValue.of(LowCardinalityKeyNames.CONVERSATION,
						context.getRequest().isNewConversation() ? "new" : "existing"));
	}

	/**
	 * Return the high-cardinality tags: request id, conversation id and chunk count.
	 * @param context the context
	 * @return the tags
	 */
	public KeyValues getHighCardinalityKeyValues(CopilotObservationContext context) {
		String conversationId = context.getConversationId();
		return KeyValues.of(KeyValue.of(HighCardinalityKeyNames.REQUEST_ID, context.getRequestId()),
				KeyValue.of(HighCardinalityKeyNames.CONVERSATION_ID, (conversationId != null) ? conversationId : NONE),
				KeyValue.of(HighCardinalityKeyNames.CHUNKS, Integer.toString(context.getChunkCount())));
	}

}
