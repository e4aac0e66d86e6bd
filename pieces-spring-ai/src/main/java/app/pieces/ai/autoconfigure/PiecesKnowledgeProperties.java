package app.pieces.ai.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

import app.pieces.ai.PiecesDocumentRetriever;

/**
 * Configuration properties of Pieces as knowledge and memory for any Spring AI chat model:
 * {@code pieces.ai.retriever.*} for the {@link PiecesDocumentRetriever}, {@code pieces.ai.memory.*} for the
 * {@link app.pieces.ai.PiecesChatMemoryRepository}.
 */
@ConfigurationProperties("pieces.ai")
public class PiecesKnowledgeProperties {

	private final Retriever retriever = new Retriever();

	private final Memory memory = new Memory();

	public Retriever getRetriever() {
		return this.retriever;
	}

	public Memory getMemory() {
		return this.memory;
	}

	/**
	 * The snippet retriever.
	 */
	public static class Retriever {

		/**
		 * Whether to register the Pieces snippet retriever when spring-ai-rag is on the class path.
		 */
		private boolean enabled = true;

		/**
		 * How snippets are found: full-text, neural-code, names or relevance.
		 */
		private PiecesDocumentRetriever.Mode mode = PiecesDocumentRetriever.Mode.FULL_TEXT;

		/**
		 * Most snippets returned per query.
		 */
		private int topK = 4;

		/**
		 * Lowest search score (0 to 1) a snippet needs; not used by the relevance mode.
		 */
		private double similarityThreshold;

		/**
		 * Whether an unreachable or failing Pieces OS yields no snippets (logged at WARN) instead of failing the
		 * prompt.
		 */
		private boolean emptyWhenUnavailable;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public PiecesDocumentRetriever.Mode getMode() {
			return this.mode;
		}

		public void setMode(PiecesDocumentRetriever.Mode mode) {
			this.mode = mode;
		}

		public int getTopK() {
			return this.topK;
		}

		public void setTopK(int topK) {
			this.topK = topK;
		}

		public double getSimilarityThreshold() {
			return this.similarityThreshold;
		}

		public void setSimilarityThreshold(double similarityThreshold) {
			this.similarityThreshold = similarityThreshold;
		}

		public boolean isEmptyWhenUnavailable() {
			return this.emptyWhenUnavailable;
		}

		public void setEmptyWhenUnavailable(boolean emptyWhenUnavailable) {
			this.emptyWhenUnavailable = emptyWhenUnavailable;
		}

	}

	/**
	 * The chat memory repository.
	 */
	public static class Memory {

		/**
		 * Whether to keep Spring AI chat memory in Pieces conversations (replacing Spring AI's in-memory
		 * repository).
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
