package app.pieces.sample.web;

import java.util.List;

import app.pieces.sample.live.ItemViews.AssetView;
import app.pieces.sample.live.ItemViews.ConversationView;
import app.pieces.sample.live.LiveUpdates;
import app.pieces.sample.live.PiecesStatus;
import app.pieces.sample.live.StatusView;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Read side of the sample's HTTP API. Everything comes from what the starter already holds in
 * memory (socket states and the self-healing caches); no request here calls Pieces OS.
 *
 * @author Pieces starter team
 */
@RestController
@RequestMapping(path = "/api")
public class ApiController {

	private final PiecesStatus status;

	private final LiveUpdates live;

	ApiController(PiecesStatus status, LiveUpdates live) {
		this.status = status;
		this.live = live;
	}

	/**
	 * Connection of each stream, cache state, the user's name and the Pieces OS version.
	 * @return the status
	 */
	@GetMapping(path = "/status", produces = MediaType.APPLICATION_JSON_VALUE)
	public StatusView status() {
		return this.status.current();
	}

	/**
	 * The cached assets, newest first.
	 * @return the assets
	 */
	@GetMapping(path = "/assets", produces = MediaType.APPLICATION_JSON_VALUE)
	public List<AssetView> assets() {
		return this.status.assets();
	}

	/**
	 * The cached conversations, newest first.
	 * @return the conversations
	 */
	@GetMapping(path = "/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
	public List<ConversationView> conversations() {
		return this.status.conversations();
	}

	/**
	 * The live feed of the page (see {@link LiveUpdates} for its events).
	 * @return the server-sent events stream
	 */
	@GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public SseEmitter events() {
		return this.live.subscribe();
	}

}
