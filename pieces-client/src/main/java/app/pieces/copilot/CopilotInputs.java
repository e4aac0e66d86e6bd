package app.pieces.copilot;

import java.time.Instant;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import app.pieces.client.PiecesClient;
import app.pieces.model.Application;
import app.pieces.model.FlattenedAssets;
import app.pieces.model.QGPTPromptPipeline;
import app.pieces.model.QGPTRelevanceInput;
import app.pieces.model.Range;
import app.pieces.model.QGPTRelevanceInputOptions;
import app.pieces.model.QGPTStreamInput;
import app.pieces.model.Seed;

/**
 * Turns a {@link CopilotRequest} into the {@code /qgpt/stream} input, on behalf of the application this copilot
 * registered with {@code POST /connect} (Pieces OS requires the full application in every seeded context text).
 */
final class CopilotInputs {

	private static final Log logger = LogFactory.getLog(PiecesCopilot.class);

	private final PiecesClient client;

	private final AtomicBoolean connectAttempted = new AtomicBoolean();

	// the application of this copilot's last POST /connect
	private volatile @Nullable Application application;

	CopilotInputs(PiecesClient client) {
		this.client = client;
	}

	boolean isRegistered() {
		return this.application != null;
	}

	QGPTStreamInput toInput(CopilotRequest request, String requestId, @Nullable String modelId) {
		FlattenedAssets assets = request.assetIds().isEmpty() ? null : FlattenedAssets.of(request.assetIds());
		JsonNode seeds = null;
		String applicationId;
		if (request.contextTexts().isEmpty()) {
			applicationId = applicationId();
		}
		else {
			// every SeededAsset requires the full Application: register first if this copilot has none yet
			Application registered = application();
			seeds = seeds(request.contextTexts(), registered);
			applicationId = registered.id();
		}
		// REST calls on the asking thread (never a socket's): the anchors and the range exist before the question
		JsonNode anchors = request.paths().isEmpty() ? null : anchors(request.paths());
		JsonNode temporal = null;
		QGPTPromptPipeline pipeline = null;
		if (request.longTermMemory() != null) {
			Instant now = Instant.now();
			Range window = this.client.workstream().createRange(now.minus(request.longTermMemory()), now);
			temporal = this.client.jsonMapper().valueToTree(
					Map.of("workstreams", Map.of("iterable", List.of(Map.of("id", window.id())))));
			// the official wrapper asks long-term-memory questions through this pipeline
			pipeline = QGPTPromptPipeline.contextualizedCodeWorkstreamDialog();
		}
		QGPTRelevanceInput relevance = new QGPTRelevanceInput(request.question(), applicationId, modelId,
				new QGPTRelevanceInputOptions(true, null, pipeline, null), assets, null,
				request.paths().isEmpty() ? null : request.paths(), anchors, seeds, temporal);
		return new QGPTStreamInput(requestId, request.conversationId(), relevance, null, null, null, null);
	}

	/**
	 * Register ({@code POST /connect}) unless registered; what fails is logged at debug level (the next question
	 * tries again).
	 */
	void registerQuietly() {
		if (this.application != null) {
			return;
		}
		try {
			register();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not register with Pieces OS (POST /connect) on connect: " + ex.getMessage());
		}
	}

	/**
	 * Build relevance {@code anchors} ({@code Anchors}: {@code {"iterable":[Anchor]}}), one anchor created per path.
	 */
	private JsonNode anchors(List<String> paths) {
		List<JsonNode> iterable = paths.stream()
			.map((path) -> this.client.workstream().createAnchor(path, isFolder(path)).raw())
			.toList();
		return this.client.jsonMapper().valueToTree(Map.of("iterable", iterable));
	}

	private static boolean isFolder(String path) {
		if (path.endsWith("/") || path.endsWith("\\")) {
			return true;
		}
		String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
		return !name.contains(".");
	}

	/**
	 * Build relevance {@code seeds} ({@code {"iterable":[Seed]}}), one {@code SEEDED_ASSET} per text.
	 */
	private JsonNode seeds(List<String> texts, Application owner) {
		List<Seed> iterable = texts.stream().map((text) -> Seed.ofText(owner, text, null)).toList();
		return this.client.jsonMapper().valueToTree(Map.of("iterable", iterable));
	}

	private @Nullable String applicationId() {
		Application known = this.application;
		if (known != null) {
			return known.id();
		}
		Optional<String> applicationId = this.client.applicationId();
		if (applicationId.isEmpty() && this.connectAttempted.compareAndSet(false, true)) {
			try {
				return register().id();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not register with Pieces OS (POST /connect); asking without an application id: "
						+ ex.getMessage());
			}
		}
		return applicationId.orElse(null);
	}

	/**
	 * Return the application registered by this copilot, registering it if needed.
	 * @throws app.pieces.client.PiecesException if Pieces OS could not be reached
	 */
	private Application application() {
		Application known = this.application;
		return (known != null) ? known : register();
	}

	private Application register() {
		Application registered = this.client.connect().application();
		this.application = registered;
		return registered;
	}

}
