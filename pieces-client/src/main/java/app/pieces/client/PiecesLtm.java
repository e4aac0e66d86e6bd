package app.pieces.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import app.pieces.model.AnonymousTemporalRange;
import app.pieces.model.GroupedTimestamp;
import app.pieces.model.WorkstreamPatternEngineStatus;
import app.pieces.model.WorkstreamPatternEngineVisionStatus;

/**
 * Pieces' long-term memory (LTM): whether it is capturing, and turning it on or pausing it, as the official
 * wrapper's {@code LongTermMemory} does ({@code GET /workstream_pattern_engine/processors/vision/status},
 * {@code POST .../vision/activate}, {@code POST .../vision/deactivate}). Obtained from {@link PiecesClient#ltm()};
 * the {@code LTMVisionWS} stream reports every change.
 */
public final class PiecesLtm {

	private static final String PATH = "/workstream_pattern_engine/processors/vision";

	private final RestCalls rest;

	PiecesLtm(RestCalls rest) {
		this.rest = rest;
	}

	/**
	 * Read the LTM status.
	 * @return the status; {@link WorkstreamPatternEngineStatus#isVisionEnabled()} says whether LTM is on
	 */
	public WorkstreamPatternEngineStatus status() {
		return this.rest.required("GET " + PATH + "/status", WorkstreamPatternEngineStatus.class, true,
				PiecesApi::ltmStatus);
	}

	/**
	 * Turn long-term memory on, until it is paused.
	 * @return the status afterwards
	 */
	public WorkstreamPatternEngineStatus activate() {
		WorkstreamPatternEngineStatus on = request(new AnonymousTemporalRange(null, null, true, null), null);
		return this.rest.required("POST " + PATH + "/activate", WorkstreamPatternEngineStatus.class, false,
				(api, base) -> api.activateLtm(base, on));
	}

	/**
	 * Pause long-term memory.
	 * @param until when it turns on again by itself, or {@code null} to pause it until {@link #activate()}
	 * @return the status afterwards
	 */
	public WorkstreamPatternEngineStatus pause(@Nullable Instant until) {
		AnonymousTemporalRange range = (until != null)
				? new AnonymousTemporalRange(null, GroupedTimestamp.of(until), null, null)
				: new AnonymousTemporalRange(null, null, true, null);
		WorkstreamPatternEngineStatus off = request(null, range);
		return this.rest.required("POST " + PATH + "/deactivate", WorkstreamPatternEngineStatus.class, false,
				(api, base) -> api.deactivateLtm(base, off));
	}

	/** The body of an activate or deactivate request: only the vision range that changes. */
	private static WorkstreamPatternEngineStatus request(@Nullable AnonymousTemporalRange activation,
			@Nullable AnonymousTemporalRange deactivation) {
		return new WorkstreamPatternEngineStatus(
				new WorkstreamPatternEngineVisionStatus(activation, deactivation, null, null), null, null);
	}

}
