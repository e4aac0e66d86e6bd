package app.pieces.copilot;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import static app.pieces.copilot.CopilotFrames.chunk;
import static app.pieces.copilot.CopilotFrames.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code pieces.copilot.ask} observations recorded by {@link MicrometerAskObservation}.
 */
class CopilotObservationTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private CopilotAnswer answer(AskObservation.Factory factory, CopilotRequest request, String model) {
		return new CopilotAnswer("r1", 1, request, model, new CopilotAnswer.Owner() {

			@Override
			public void sendStop(CopilotAnswer answer) {
			}

			@Override
			public void finished(CopilotAnswer answer) {
			}

		}, factory.start(request, "r1", model));
	}

	@Test
	void metersDerivedByMicrometersDefaultHandlerShouldCarryTheDocumentedNames() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		CopilotAnswer answer = answer(MicrometerAskObservation.factory(observations, null, null),
				CopilotRequest.of("question"), "GPT-4o Chat Model");
		answer.handle(chunk("r1", "c1", "one"));
		answer.handle(status("r1", "c1", "COMPLETED"));
		assertThat(meters.getMeters()).extracting((meter) -> meter.getId().getName())
			.containsExactlyInAnyOrder("pieces.copilot.ask", "pieces.copilot.ask.active",
					"pieces.copilot.ask.first.chunk", "pieces.copilot.ask.first.chunk.active",
					"pieces.copilot.ask.first.chunk.received");
		assertThat(meters.get("pieces.copilot.ask.first.chunk.received").counter().count()).isEqualTo(1);
		assertThat(meters.get("pieces.copilot.ask").tag("pieces.copilot.outcome", "success").timer().count())
			.isEqualTo(1);
	}

	@Test
	void completedAnswerShouldRecordAskAndFirstChunkObservationsWithSuccessOutcome() {
		AskObservation.Factory factory = MicrometerAskObservation.factory(this.registry, null, null);
		CopilotAnswer answer = answer(factory, CopilotRequest.of("question"), "GPT-4o Chat Model");
		answer.handle(status("r1", "c1", "INITIALIZED"));
		answer.handle(chunk("r1", "c1", "one "));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(DefaultCopilotFirstChunkObservationConvention.NAME)
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("pieces.copilot.outcome", "success")
			.hasParentObservationContextMatching((parent) -> parent instanceof CopilotObservationContext context
					&& context.getKind() == CopilotObservationContext.Kind.ASK);
		answer.handle(chunk("r1", "c1", "two"));
		answer.handle(status("r1", "c1", "COMPLETED"));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(DefaultCopilotObservationConvention.NAME)
			.that()
			.hasBeenStopped()
			.hasContextualNameEqualTo("copilot ask")
			.hasLowCardinalityKeyValue("pieces.copilot.outcome", "success")
			.hasLowCardinalityKeyValue("pieces.copilot.model", "GPT-4o Chat Model")
			.hasLowCardinalityKeyValue("pieces.copilot.conversation", "new")
			.hasHighCardinalityKeyValue("pieces.copilot.request.id", "r1")
			.hasHighCardinalityKeyValue("pieces.copilot.conversation.id", "c1")
			.hasHighCardinalityKeyValue("pieces.copilot.chunks", "2")
			.hasEvent(CopilotObservationDocumentation.Events.FIRST_CHUNK.getName())
			.doesNotHaveError()
			.satisfies((context) -> assertThat(((CopilotObservationContext) context).getTimeToFirstChunk())
				.isNotNull());
	}

	@Test
	void failedAnswerShouldRecordTheErrorAndFailedOutcomeOnBothObservations() {
		AskObservation.Factory factory = MicrometerAskObservation.factory(this.registry, null, null);
		CopilotAnswer answer = answer(factory, CopilotRequest.builder("question").conversation("c1").build(), null);
		answer.handle(CopilotFrames.frame(CopilotFrames.fixture("qgpt-stream-output-failed.json")));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsEqualTo(2)
			.hasObservationWithNameEqualTo(DefaultCopilotFirstChunkObservationConvention.NAME)
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("pieces.copilot.outcome", "failed");
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(DefaultCopilotObservationConvention.NAME)
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("pieces.copilot.outcome", "failed")
			.hasLowCardinalityKeyValue("pieces.copilot.model", "none")
			.hasLowCardinalityKeyValue("pieces.copilot.conversation", "existing")
			.assertThatError()
			.isInstanceOf(CopilotFailedException.class);
	}

	@Test
	void stoppedAnswerShouldRecordCancelledWithoutError() {
		AskObservation.Factory factory = MicrometerAskObservation.factory(this.registry, null, null);
		CopilotAnswer answer = answer(factory, CopilotRequest.of("question"), null);
		answer.stop();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(DefaultCopilotObservationConvention.NAME)
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("pieces.copilot.outcome", "cancelled")
			.doesNotHaveError();
	}

	@Test
	void customConventionShouldRenameTheObservation() {
		CopilotObservationConvention custom = new DefaultCopilotObservationConvention() {

			@Override
			public String getName() {
				return "my.copilot";
			}

		};
		AskObservation.Factory factory = MicrometerAskObservation.factory(this.registry, custom, null);
		answer(factory, CopilotRequest.of("question"), null).handle(status("r1", "c1", "COMPLETED"));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("my.copilot")
			.that()
			.hasBeenStopped();
	}

	@Test
	void conventionsShouldOnlySupportTheirKindOfContext() {
		CopilotRequest request = CopilotRequest.of("question");
		CopilotObservationContext ask = new CopilotObservationContext(CopilotObservationContext.Kind.ASK, request,
				"r", null);
		CopilotObservationContext firstChunk = new CopilotObservationContext(
				CopilotObservationContext.Kind.FIRST_CHUNK, request, "r", null);
		assertThat(new DefaultCopilotObservationConvention().supportsContext(ask)).isTrue();
		assertThat(new DefaultCopilotObservationConvention().supportsContext(firstChunk)).isFalse();
		assertThat(new DefaultCopilotFirstChunkObservationConvention().supportsContext(firstChunk)).isTrue();
		assertThat(new DefaultCopilotFirstChunkObservationConvention().supportsContext(ask)).isFalse();
	}

}
