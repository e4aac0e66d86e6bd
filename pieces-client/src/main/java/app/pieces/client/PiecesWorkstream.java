package app.pieces.client;

import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.util.Assert;

import app.pieces.model.Anchor;
import app.pieces.model.Range;
import app.pieces.model.WorkstreamSummary;

/**
 * The user's workstream as Pieces OS records it: anchors (the files and folders they work in), ranges (windows of
 * time) and workstream summaries (long-term-memory roll-ups), read one by one or all at once, as the official
 * wrapper's anchor and range snapshots do ({@code GET /anchor/{id}}, {@code GET /anchors}, {@code GET /range/{id}},
 * {@code GET /ranges}, {@code GET /workstream_summary/{id}}, {@code GET /workstream_summaries}). Obtained from
 * {@link PiecesClient#workstream()}; the anchors, ranges and workstream summaries streams
 * ({@code IdentifierStream.ANCHORS}, {@code RANGES}, {@code WORKSTREAM_SUMMARIES}) keep caches of them up to date.
 * Anchors and ranges can also be created, as context for copilot questions ({@code CopilotRequest.paths} and
 * {@code longTermMemory}).
 */
public final class PiecesWorkstream {

	private final RestCalls rest;

	PiecesWorkstream(RestCalls rest) {
		this.rest = rest;
	}

	/**
	 * Fetch an anchor ({@code GET /anchor/{id}}).
	 * @param id the anchor id
	 * @return the anchor, with its raw JSON
	 * @throws PiecesGoneException if the anchor was deleted (410)
	 * @throws PiecesNotFoundException if the anchor does not exist (404)
	 */
	public Anchor anchor(String id) {
		return this.rest.required("GET /anchor/" + PiecesClient.shortened(id), Anchor.class, true,
				(api, base) -> api.anchor(base, id));
	}

	/**
	 * Read every anchor ({@code GET /anchors?transferables=false}) and hand each to the action as it arrives,
	 * like {@link PiecesClient#forEachAsset(Consumer)}.
	 * @param action what to do with each anchor, called on the calling thread
	 * @throws PiecesNotFoundException if Pieces OS does not offer the call (404)
	 * @throws PiecesUnavailableException if Pieces OS is unreachable or the answer breaks off
	 */
	public void forEachAnchor(Consumer<? super Anchor> action) {
		this.rest.forEach("GET /anchors", "/anchors?transferables=false", Anchor.class, action);
	}

	/**
	 * Create an anchor for a file or folder ({@code POST /anchors/create} with a {@code SeededAnchor}), so that
	 * Pieces OS can use it as context; the anchors stream announces it.
	 * @param path the full path of the file or folder
	 * @param directory whether it is a folder
	 * @return the new anchor
	 */
	public Anchor createAnchor(String path, boolean directory) {
		Assert.hasText(path, "'path' must not be empty");
		Map<String, Object> seed = Map.of("fullpath", path, "type", directory ? "DIRECTORY" : "FILE");
		return this.rest.required("POST /anchors/create", Anchor.class, false,
				(api, base) -> api.createAnchor(base, false, seed));
	}

	/**
	 * Create a range, a window of the user's workstream ({@code POST /ranges/create} with a {@code SeededRange});
	 * the ranges stream announces it. A question grounded in it asks long-term memory about that window.
	 * @param from the start
	 * @param to the end, not before the start
	 * @return the new range
	 */
	public Range createRange(Instant from, Instant to) {
		Assert.isTrue(from != null && to != null && !to.isBefore(from), "'to' must not be before 'from'");
		Map<String, Object> seed = Map.of("from", Map.of("value", from.toString()), "to",
				Map.of("value", to.toString()));
		return this.rest.required("POST /ranges/create", Range.class, false,
				(api, base) -> api.createRange(base, seed));
	}

	/**
	 * Fetch a range ({@code GET /range/{id}}).
	 * @param id the range id
	 * @return the range, with its raw JSON
	 * @throws PiecesGoneException if the range was deleted (410)
	 * @throws PiecesNotFoundException if the range does not exist (404)
	 */
	public Range range(String id) {
		return this.rest.required("GET /range/" + PiecesClient.shortened(id), Range.class, true,
				(api, base) -> api.range(base, id));
	}

	/**
	 * Read every range ({@code GET /ranges}) and hand each to the action as it arrives.
	 * @param action what to do with each range, called on the calling thread
	 * @throws PiecesNotFoundException if Pieces OS does not offer the call (404)
	 * @throws PiecesUnavailableException if Pieces OS is unreachable or the answer breaks off
	 */
	public void forEachRange(Consumer<? super Range> action) {
		this.rest.forEach("GET /ranges", "/ranges", Range.class, action);
	}

	/**
	 * Fetch a workstream summary ({@code GET /workstream_summary/{id}}).
	 * @param id the summary id
	 * @return the summary, with its raw JSON
	 * @throws PiecesGoneException if the summary was deleted (410)
	 * @throws PiecesNotFoundException if the summary does not exist (404)
	 */
	public WorkstreamSummary summary(String id) {
		return this.rest.required("GET /workstream_summary/" + PiecesClient.shortened(id), WorkstreamSummary.class,
				true, (api, base) -> api.workstreamSummary(base, id));
	}

	/**
	 * Read every workstream summary ({@code GET /workstream_summaries?transferables=false}) and hand each to the
	 * action as it arrives.
	 * @param action what to do with each summary, called on the calling thread
	 * @throws PiecesNotFoundException if Pieces OS does not offer the call (404)
	 * @throws PiecesUnavailableException if Pieces OS is unreachable or the answer breaks off
	 */
	public void forEachSummary(Consumer<? super WorkstreamSummary> action) {
		this.rest.forEach("GET /workstream_summaries", "/workstream_summaries?transferables=false",
				WorkstreamSummary.class, action);
	}

}
