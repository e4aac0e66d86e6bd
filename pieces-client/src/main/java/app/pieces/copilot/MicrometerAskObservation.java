package app.pieces.copilot;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * {@link AskObservation} on Micrometer's Observation API: a {@code pieces.copilot.ask} observation per question
 * with a {@code pieces.copilot.ask.first.chunk} child that stops at the first chunk. Only loaded when the copilot
 * was given an {@link ObservationRegistry}.
 */
final class MicrometerAskObservation implements AskObservation {

	private static final DefaultCopilotObservationConvention DEFAULT_CONVENTION = new DefaultCopilotObservationConvention();

	private static final DefaultCopilotFirstChunkObservationConvention DEFAULT_FIRST_CHUNK_CONVENTION = new DefaultCopilotFirstChunkObservationConvention();

	private final CopilotObservationContext askContext;

	private final CopilotObservationContext firstChunkContext;

	private final Observation ask;

	private final Observation firstChunk;

	private final long startNanos = System.nanoTime();

	private final AtomicBoolean firstChunkDone = new AtomicBoolean();

	private MicrometerAskObservation(ObservationRegistry registry, @Nullable CopilotObservationConvention convention,
			@Nullable CopilotFirstChunkObservationConvention firstChunkConvention, CopilotRequest request,
			String requestId, @Nullable String modelName) {
		this.askContext = new CopilotObservationContext(CopilotObservationContext.Kind.ASK, request, requestId,
				modelName);
		this.firstChunkContext = new CopilotObservationContext(CopilotObservationContext.Kind.FIRST_CHUNK, request,
				requestId, modelName);
		this.ask = CopilotObservationDocumentation.COPILOT_ASK
			.observation(convention, DEFAULT_CONVENTION, () -> this.askContext, registry)
			.start();
		this.firstChunk = CopilotObservationDocumentation.COPILOT_FIRST_CHUNK
			.observation(firstChunkConvention, DEFAULT_FIRST_CHUNK_CONVENTION, () -> this.firstChunkContext, registry)
			.parentObservation(this.ask)
			.start();
	}

	/**
	 * Return a factory that observes every question with the given registry.
	 * @param registry the registry
	 * @param convention a custom convention for {@code pieces.copilot.ask}, or {@code null} for the default
	 * @param firstChunkConvention a custom convention for {@code pieces.copilot.ask.first.chunk}, or
	 * {@code null} for the default
	 * @return the factory
	 */
	static AskObservation.Factory factory(ObservationRegistry registry, @Nullable CopilotObservationConvention convention,
			@Nullable CopilotFirstChunkObservationConvention firstChunkConvention) {
		return (request, requestId, modelName) -> new MicrometerAskObservation(registry, convention,
				firstChunkConvention, request, requestId, modelName);
	}

	@Override
	public void conversation(String conversationId) {
		this.askContext.setConversationId(conversationId);
		this.firstChunkContext.setConversationId(conversationId);
	}

	@Override
	public void firstChunk() {
		if (this.firstChunkDone.compareAndSet(false, true)) {
			Duration latency = Duration.ofNanos(System.nanoTime() - this.startNanos);
			this.askContext.setTimeToFirstChunk(latency);
			this.firstChunkContext.setTimeToFirstChunk(latency);
			this.firstChunkContext.setChunkCount(1);
			this.firstChunkContext.setOutcome(CopilotOutcome.SUCCESS);
			this.ask.event(CopilotObservationDocumentation.Events.FIRST_CHUNK);
			this.firstChunk.stop();
		}
	}

	@Override
	public void stop(CopilotOutcome outcome, int chunkCount, @Nullable Throwable error) {
		if (this.firstChunkDone.compareAndSet(false, true)) {
			this.firstChunkContext.setOutcome(outcome);
			if (error != null && outcome != CopilotOutcome.CANCELLED) {
				this.firstChunk.error(error);
			}
			this.firstChunk.stop();
		}
		this.askContext.setOutcome(outcome);
		this.askContext.setChunkCount(chunkCount);
		if (error != null && outcome != CopilotOutcome.CANCELLED) {
			this.ask.error(error);
		}
		this.ask.stop();
	}

}
