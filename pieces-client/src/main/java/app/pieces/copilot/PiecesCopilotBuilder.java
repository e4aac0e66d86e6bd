package app.pieces.copilot;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import app.pieces.client.PiecesClient;
import app.pieces.model.Conversation;
import app.pieces.websocket.AskStreamWS;
import app.pieces.websocket.IdentifierCache;

/**
 * Builder for {@link PiecesCopilot}, from {@link PiecesCopilot#builder(AskStreamWS, PiecesClient)}.
 */
public final class PiecesCopilotBuilder {

	private final AskStreamWS askStream;

	private final PiecesClient client;

	private CopilotSettings settings = CopilotSettings.defaults();

	private @Nullable IdentifierCache<Conversation> conversationCache;

	private @Nullable Object observationRegistry;

	private @Nullable Object observationConvention;

	private @Nullable Object firstChunkObservationConvention;

	PiecesCopilotBuilder(AskStreamWS askStream, PiecesClient client) {
		this.askStream = askStream;
		this.client = client;
	}

	/**
	 * Use these settings.
	 * @param settings the settings
	 * @return this builder
	 */
	public PiecesCopilotBuilder settings(CopilotSettings settings) {
		this.settings = settings;
		return this;
	}

	/**
	 * Use this conversation cache for {@link PiecesCopilot#conversations()}.
	 * @param conversationCache the cache, usually {@code conversationWs.cache()}
	 * @return this builder
	 */
	public PiecesCopilotBuilder conversationCache(@Nullable IdentifierCache<Conversation> conversationCache) {
		this.conversationCache = conversationCache;
		return this;
	}

	/**
	 * Record a {@code pieces.copilot.ask} observation per question (requires {@code micrometer-observation}).
	 * @param observationRegistry the registry, or {@code null} to record nothing
	 * @return this builder
	 */
	public PiecesCopilotBuilder observationRegistry(@Nullable ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
		return this;
	}

	/**
	 * Use a custom convention for the {@code pieces.copilot.ask} observation.
	 * @param convention the convention, or {@code null} for {@link DefaultCopilotObservationConvention}
	 * @return this builder
	 */
	public PiecesCopilotBuilder observationConvention(@Nullable CopilotObservationConvention convention) {
		this.observationConvention = convention;
		return this;
	}

	/**
	 * Use a custom convention for the {@code pieces.copilot.ask.first.chunk} observation.
	 * @param convention the convention, or {@code null} for
	 * {@link DefaultCopilotFirstChunkObservationConvention}
	 * @return this builder
	 */
	public PiecesCopilotBuilder firstChunkObservationConvention(@Nullable CopilotFirstChunkObservationConvention convention) {
		this.firstChunkObservationConvention = convention;
		return this;
	}

	/**
	 * Build the copilot (it registers its listener on the socket at once).
	 * @return the copilot
	 */
	public PiecesCopilot build() {
		AskObservation.Factory observations = (this.observationRegistry != null) ? MicrometerSupport
			.factory(this.observationRegistry, this.observationConvention, this.firstChunkObservationConvention)
				: AskObservation.Factory.NOOP;
		return new PiecesCopilot(this.askStream, this.client, this.settings, observations, this.conversationCache);
	}

	/**
	 * Keeps Micrometer types out of the builder's fields, so the builder loads without Micrometer.
	 */
	private static final class MicrometerSupport {

		static AskObservation.Factory factory(Object registry, @Nullable Object convention,
				@Nullable Object firstChunkConvention) {
			return MicrometerAskObservation.factory((ObservationRegistry) registry,
					(CopilotObservationConvention) convention, (CopilotFirstChunkObservationConvention) firstChunkConvention);
		}

	}

}
