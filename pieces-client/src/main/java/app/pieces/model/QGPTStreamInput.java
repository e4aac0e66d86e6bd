package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A frame sent on {@code /qgpt/stream}: a question (relevance or question mode), a stop or a reset. All fields
 * are optional; send either {@code relevance} or {@code question}, not both.
 *
 * @param request a client-chosen id that Pieces OS echoes in every output of this request
 * @param conversation an existing conversation id; omit to let Pieces OS create one
 * @param relevance a relevance-mode question (with {@code options.question = true} it is answered too)
 * @param question a question-mode question (the caller supplies the context)
 * @param stop {@code true} to stop the current generation
 * @param reset {@code true} to reset all activity of the stream
 * @param agent {@code false} to disable agent routing (Pieces OS default: {@code true})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QGPTStreamInput(
		@JsonProperty("request") @Nullable String request,
		@JsonProperty("conversation") @Nullable String conversation,
		@JsonProperty("relevance") @Nullable QGPTRelevanceInput relevance,
		@JsonProperty("question") @Nullable QGPTQuestionInput question,
		@JsonProperty("stop") @Nullable Boolean stop,
		@JsonProperty("reset") @Nullable Boolean reset,
		@JsonProperty("agent") @Nullable Boolean agent) {

	/**
	 * Create a relevance-mode question.
	 * @param request the request id, or {@code null}
	 * @param conversation the conversation id, or {@code null} for a new conversation
	 * @param relevance the relevance input
	 * @return the input frame
	 */
	public static QGPTStreamInput ofRelevance(@Nullable String request, @Nullable String conversation,
			QGPTRelevanceInput relevance) {
		return new QGPTStreamInput(request, conversation, relevance, null, null, null, null);
	}

	/**
	 * Create a question-mode question.
	 * @param request the request id, or {@code null}
	 * @param conversation the conversation id, or {@code null} for a new conversation
	 * @param question the question input
	 * @return the input frame
	 */
	public static QGPTStreamInput ofQuestion(@Nullable String request, @Nullable String conversation,
			QGPTQuestionInput question) {
		return new QGPTStreamInput(request, conversation, null, question, null, null, null);
	}

	/**
	 * Create a stop request for the current generation of a conversation.
	 * @param conversation the conversation id, or {@code null}
	 * @return the input frame
	 */
	public static QGPTStreamInput stopRequest(@Nullable String conversation) {
		return new QGPTStreamInput(null, conversation, null, null, true, null, null);
	}

	/**
	 * Create a reset request.
	 * @return the input frame
	 */
	public static QGPTStreamInput resetRequest() {
		return new QGPTStreamInput(null, null, null, null, null, true, null);
	}

	/**
	 * Return a copy with the given request id.
	 * @param request the request id
	 * @return the copy
	 */
	public QGPTStreamInput withRequest(@Nullable String request) {
		return new QGPTStreamInput(request, this.conversation, this.relevance, this.question, this.stop, this.reset,
				this.agent);
	}

	/**
	 * Return a copy for the given conversation.
	 * @param conversation the conversation id
	 * @return the copy
	 */
	public QGPTStreamInput withConversation(@Nullable String conversation) {
		return new QGPTStreamInput(this.request, conversation, this.relevance, this.question, this.stop, this.reset,
				this.agent);
	}

}
