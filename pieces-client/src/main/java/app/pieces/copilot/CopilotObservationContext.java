package app.pieces.copilot;

import java.time.Duration;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer {@link Observation.Context} of one copilot question, for the {@code pieces.copilot.ask}
 * observation ({@link Kind#ASK}) and its child {@code pieces.copilot.ask.first.chunk} ({@link Kind#FIRST_CHUNK})
 * that measures the time to the first chunk.
 * <p>
 * The request is exposed for custom conventions; remember that its question may hold personal data and
 * must not become a tag.
 */
public class CopilotObservationContext extends Observation.Context {

	/**
	 * Which of the two observations of a question a context belongs to.
	 */
	public enum Kind {

		/** The whole answer, from the question to the terminal frame. */
		ASK,

		/** From the question to the first chunk of text (or the end of an answer without any). */
		FIRST_CHUNK

	}

	private final Kind kind;

	private final CopilotRequest request;

	private final String requestId;

	private final @Nullable String modelName;

	private volatile @Nullable String conversationId;

	private volatile @Nullable CopilotOutcome outcome;

	private volatile int chunkCount;

	private volatile @Nullable Duration timeToFirstChunk;

	/**
	 * Create a new context.
	 * @param kind which observation this context belongs to
	 * @param request the request
	 * @param requestId the {@code request} id sent to Pieces OS
	 * @param modelName the name of the model used, or {@code null} when Pieces OS chooses
	 */
	public CopilotObservationContext(Kind kind, CopilotRequest request, String requestId, @Nullable String modelName) {
		this.kind = kind;
		this.request = request;
		this.requestId = requestId;
		this.modelName = modelName;
		this.conversationId = request.conversationId();
	}

	/**
	 * Return which observation this context belongs to.
	 * @return the kind
	 */
	public Kind getKind() {
		return this.kind;
	}

	/**
	 * Return the request.
	 * @return the request
	 */
	public CopilotRequest getRequest() {
		return this.request;
	}

	/**
	 * Return the {@code request} id sent to Pieces OS.
	 * @return the request id
	 */
	public String getRequestId() {
		return this.requestId;
	}

	/**
	 * Return the name of the model used.
	 * @return the model name, or {@code null} when Pieces OS chooses
	 */
	public @Nullable String getModelName() {
		return this.modelName;
	}

	/**
	 * Return the conversation id, as requested or as reported by Pieces OS.
	 * @return the conversation id, or {@code null} while a new conversation's id is not known yet
	 */
	public @Nullable String getConversationId() {
		return this.conversationId;
	}

	/**
	 * Set the conversation id reported by Pieces OS.
	 * @param conversationId the conversation id
	 */
	public void setConversationId(@Nullable String conversationId) {
		this.conversationId = conversationId;
	}

	/**
	 * Return how the answer (or, for {@link Kind#FIRST_CHUNK}, the wait for the first chunk) ended.
	 * @return the outcome, or {@code null} while in flight
	 */
	public @Nullable CopilotOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set the outcome.
	 * @param outcome the outcome
	 */
	public void setOutcome(@Nullable CopilotOutcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * Return the number of chunks received so far.
	 * @return the chunk count
	 */
	public int getChunkCount() {
		return this.chunkCount;
	}

	/**
	 * Set the number of chunks received so far.
	 * @param chunkCount the chunk count
	 */
	public void setChunkCount(int chunkCount) {
		this.chunkCount = chunkCount;
	}

	/**
	 * Return the time from the question to the first chunk.
	 * @return the duration, or {@code null} if no chunk arrived (yet)
	 */
	public @Nullable Duration getTimeToFirstChunk() {
		return this.timeToFirstChunk;
	}

	/**
	 * Set the time from the question to the first chunk.
	 * @param timeToFirstChunk the duration
	 */
	public void setTimeToFirstChunk(@Nullable Duration timeToFirstChunk) {
		this.timeToFirstChunk = timeToFirstChunk;
	}

}
