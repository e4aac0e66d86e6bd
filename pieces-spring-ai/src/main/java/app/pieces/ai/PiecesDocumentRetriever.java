package app.pieces.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.util.Assert;

import app.pieces.client.PiecesAssets;
import app.pieces.client.PiecesClient;
import app.pieces.client.PiecesException;
import app.pieces.client.PiecesNotFoundException;
import app.pieces.client.PiecesStatus;
import app.pieces.model.Asset;
import app.pieces.model.QGPTRelevanceInput;
import app.pieces.model.QGPTRelevanceInputOptions;
import app.pieces.model.RelevantQGPTSeed;
import app.pieces.model.SearchedAsset;

/**
 * A Spring AI {@link DocumentRetriever} over the developer's Pieces snippets, for
 * {@code RetrievalAugmentationAdvisor} and any chat model: a {@link Query} becomes the most relevant snippets, each a
 * {@link Document} whose text is the snippet's code and whose metadata holds {@value #ASSET_ID}, {@value #NAME},
 * {@value #LANGUAGE}, {@value #CLASSIFICATION} and {@value #MODE}; the score is Pieces OS's search score where it
 * gives one.
 * <pre class="code">
 * DocumentRetriever snippets = PiecesDocumentRetriever.builder(piecesClient).topK(3).build();
 * ChatClient chat = ChatClient.builder(anyChatModel)
 *     .defaultAdvisors(RetrievalAugmentationAdvisor.builder().documentRetriever(snippets).build())
 *     .build();
 * </pre>
 * How snippets are found is the {@link Mode}: Pieces OS's full-text search (the default), its neural code search,
 * the search of asset names, or the copilot's relevance ranking. Search hits below the similarity threshold are
 * left out; relevance gives an order without scores, so there the threshold does not apply and documents carry
 * no score. Each document costs one {@code GET /asset/{id}} for its code.
 * <p>
 * When Pieces OS cannot be reached (or fails), {@link #retrieve} throws a {@link PiecesRetrievalException} naming
 * the query's mode and the cause, within the client's read timeout; with {@link Builder#emptyWhenUnavailable}
 * it logs one WARN and returns no documents instead, so the prompt goes on without Pieces context. A hit whose
 * asset was deleted meanwhile is skipped.
 *
 * @author Pieces starter team
 */
public final class PiecesDocumentRetriever implements DocumentRetriever {

	/** Metadata key of the Pieces asset id. */
	public static final String ASSET_ID = "pieces.asset.id";

	/** Metadata key of the snippet's name. */
	public static final String NAME = "pieces.asset.name";

	/** Metadata key of the snippet's language, as Pieces OS classified it (a file extension such as {@code java}). */
	public static final String LANGUAGE = "pieces.asset.language";

	/** Metadata key of Pieces OS's generic classification of the snippet, e.g. {@code CODE} or {@code TEXT}. */
	public static final String CLASSIFICATION = "pieces.asset.classification";

	/** Metadata key of the retrieval mode that found the snippet. */
	public static final String MODE = "pieces.retrieval.mode";

	private static final Log logger = LogFactory.getLog(PiecesDocumentRetriever.class);

	private final PiecesClient client;

	private final Mode mode;

	private final int topK;

	private final double similarityThreshold;

	private final boolean emptyWhenUnavailable;

	private PiecesDocumentRetriever(Builder builder) {
		this.client = builder.client;
		this.mode = builder.mode;
		this.topK = builder.topK;
		this.similarityThreshold = builder.similarityThreshold;
		this.emptyWhenUnavailable = builder.emptyWhenUnavailable;
	}

	/**
	 * Start building a retriever.
	 * @param client the client to ask
	 * @return a builder
	 */
	public static Builder builder(PiecesClient client) {
		return new Builder(client);
	}

	@Override
	public List<Document> retrieve(Query query) {
		String text = query.text();
		if (text == null || text.isBlank()) {
			return List.of();
		}
		try {
			List<Hit> hits = (this.mode == Mode.RELEVANCE) ? relevant(text) : searched(text);
			List<Document> documents = new ArrayList<>(hits.size());
			for (Hit hit : hits) {
				Document document = document(hit);
				if (document != null) {
					documents.add(document);
				}
			}
			return documents;
		}
		catch (PiecesException ex) {
			if (this.emptyWhenUnavailable) {
				logger.warn("Pieces OS could not retrieve snippets (" + this.mode.tag() + "): " + ex.getMessage()
						+ "; going on without them");
				return List.of();
			}
			throw new PiecesRetrievalException("Pieces OS could not retrieve snippets for the query ("
					+ this.mode.tag() + "): " + ex.getMessage(), ex, PiecesStatus.isTransient(ex));
		}
	}

	private List<Hit> searched(String query) {
		PiecesAssets.SearchMode searchMode = switch (this.mode) {
			case NEURAL_CODE -> PiecesAssets.SearchMode.NEURAL_CODE;
			case NAMES -> PiecesAssets.SearchMode.ASSETS;
			default -> PiecesAssets.SearchMode.FULL_TEXT;
		};
		List<Hit> hits = new ArrayList<>();
		for (SearchedAsset hit : this.client.assets().search(query, searchMode)) {
			if (hits.size() == this.topK) {
				break;
			}
			if (hit.score() >= this.similarityThreshold) {
				hits.add(new Hit(hit.identifier(), hit.score()));
			}
		}
		return hits;
	}

	private List<Hit> relevant(String query) {
		QGPTRelevanceInput input = QGPTRelevanceInput.of(query)
			.withOptions(new QGPTRelevanceInputOptions(false, true, null, null));
		List<Hit> hits = new ArrayList<>();
		for (RelevantQGPTSeed seed : this.client.relevance(input).relevant().iterable()) {
			if (hits.size() == this.topK) {
				break;
			}
			if (seed.asset() != null && hits.stream().noneMatch((hit) -> hit.assetId().equals(seed.asset().id()))) {
				hits.add(new Hit(seed.asset().id(), null));
			}
		}
		return hits;
	}

	private @Nullable Document document(Hit hit) {
		Asset asset;
		try {
			asset = this.client.asset(hit.assetId(), true);
		}
		catch (PiecesNotFoundException ex) {
			// deleted since the search: not a snippet any more
			return null;
		}
		String code = asset.text();
		if (code == null || code.isBlank()) {
			return null;
		}
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put(ASSET_ID, asset.id());
		metadata.put(MODE, this.mode.tag());
		if (asset.name() != null) {
			metadata.put(NAME, asset.name());
		}
		if (asset.language() != null) {
			metadata.put(LANGUAGE, asset.language());
		}
		if (asset.classification() != null && asset.classification().generic() != null) {
			metadata.put(CLASSIFICATION, asset.classification().generic());
		}
		return Document.builder().id(asset.id()).text(code).metadata(metadata).score(hit.score()).build();
	}

	@Override
	public String toString() {
		return "PiecesDocumentRetriever[mode=" + this.mode.tag() + ", topK=" + this.topK + ", threshold="
				+ this.similarityThreshold + "]";
	}

	private record Hit(String assetId, @Nullable Double score) {
	}

	/**
	 * How the retriever finds snippets.
	 */
	public enum Mode {

		/** Pieces OS's full-text search over names and code ({@code /search/full_text}); scores in 0..1. */
		FULL_TEXT("fts"),

		/** Pieces OS's neural code search ({@code /search/neural_code}); scores in 0..1. */
		NEURAL_CODE("ncs"),

		/** The search of asset names ({@code /assets/search}); scores in 0..1. */
		NAMES("assets"),

		/** The copilot's relevance ranking over the whole library ({@code /qgpt/relevance}); ordered, no scores. */
		RELEVANCE("relevance");

		private final String tag;

		Mode(String tag) {
			this.tag = tag;
		}

		/**
		 * Return the short name, as in metadata and logs: {@code fts}, {@code ncs}, {@code assets} or
		 * {@code relevance}.
		 * @return the tag
		 */
		public String tag() {
			return this.tag;
		}

	}

	/**
	 * Builds a {@link PiecesDocumentRetriever}.
	 */
	public static final class Builder {

		private final PiecesClient client;

		private Mode mode = Mode.FULL_TEXT;

		private int topK = 4;

		private double similarityThreshold;

		private boolean emptyWhenUnavailable;

		private Builder(PiecesClient client) {
			Assert.notNull(client, "'client' must not be null");
			this.client = client;
		}

		/**
		 * Set how snippets are found (default {@link Mode#FULL_TEXT}).
		 * @param mode the mode
		 * @return this builder
		 */
		public Builder mode(Mode mode) {
			Assert.notNull(mode, "'mode' must not be null");
			this.mode = mode;
			return this;
		}

		/**
		 * Set the most snippets to return (default 4).
		 * @param topK at least 1
		 * @return this builder
		 */
		public Builder topK(int topK) {
			Assert.isTrue(topK > 0, () -> "'topK' must be at least 1, was " + topK);
			this.topK = topK;
			return this;
		}

		/**
		 * Set the lowest search score a snippet needs (default 0: every hit); ignored by {@link Mode#RELEVANCE}.
		 * @param similarityThreshold between 0 and 1
		 * @return this builder
		 */
		public Builder similarityThreshold(double similarityThreshold) {
			Assert.isTrue(similarityThreshold >= 0 && similarityThreshold <= 1,
					() -> "'similarityThreshold' must be between 0 and 1, was " + similarityThreshold);
			this.similarityThreshold = similarityThreshold;
			return this;
		}

		/**
		 * Set whether an unreachable or failing Pieces OS yields no documents (logged at WARN) rather than a
		 * {@link PiecesRetrievalException} (default {@code false}: fail).
		 * @param emptyWhenUnavailable {@code true} to go on without snippets
		 * @return this builder
		 */
		public Builder emptyWhenUnavailable(boolean emptyWhenUnavailable) {
			this.emptyWhenUnavailable = emptyWhenUnavailable;
			return this;
		}

		/**
		 * Build the retriever.
		 * @return the retriever
		 */
		public PiecesDocumentRetriever build() {
			return new PiecesDocumentRetriever(this);
		}

	}

}
