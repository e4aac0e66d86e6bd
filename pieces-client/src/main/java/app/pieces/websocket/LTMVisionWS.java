package app.pieces.websocket;

import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import app.pieces.model.WorkstreamPatternEngineStatus;

/**
 * The long-term memory (LTM) vision status stream
 * ({@code /workstream_pattern_engine/processors/vision/status/stream}): a {@link WorkstreamPatternEngineStatus} on
 * connect and whenever LTM is turned on or paused. Pieces OS documents the status as the frame; a frame that does
 * not carry one (the official wrapper treats every frame as a signal only) makes this socket read the status with
 * {@code GET .../vision/status} on a worker, never on the socket's own thread, and deliver that.
 * {@link app.pieces.client.PiecesLtm} turns LTM on or pauses it.
 *
 * @author Pieces starter team
 */
public final class LTMVisionWS extends BaseWebsocket<WorkstreamPatternEngineStatus> {

	private volatile @Nullable WorkstreamPatternEngineStatus current;

	/**
	 * Create an LTM status socket with the Python SDK's callbacks.
	 * @param manager the manager
	 * @param onMessage called with every status, or {@code null}
	 * @param onOpen called after each connect, or {@code null}
	 * @param onError called on errors, or {@code null}
	 * @param onClose called when a connection ends, or {@code null}
	 */
	public LTMVisionWS(PiecesWebsocketManager manager,
			@Nullable Consumer<? super WorkstreamPatternEngineStatus> onMessage, @Nullable Runnable onOpen,
			@Nullable Consumer<? super Throwable> onError, @Nullable Consumer<? super CloseStatus> onClose) {
		this(manager, WebsocketListener.of(onMessage, onOpen, onError, onClose));
	}

	/**
	 * Create an LTM status socket.
	 * @param manager the manager
	 * @param listener the seed listener, or {@code null}
	 */
	public LTMVisionWS(PiecesWebsocketManager manager,
			@Nullable WebsocketListener<? super WorkstreamPatternEngineStatus> listener) {
		super(manager, PiecesStream.LTM_VISION, listener);
	}

	/**
	 * Return the last status received.
	 * @return the status, empty before the first one
	 */
	public Optional<WorkstreamPatternEngineStatus> currentStatus() {
		return Optional.ofNullable(this.current);
	}

	/**
	 * Return whether long-term memory is on according to the last status.
	 * @return {@code true} if the last status says LTM is capturing
	 */
	public boolean isLtmEnabled() {
		WorkstreamPatternEngineStatus status = this.current;
		return status != null && status.isVisionEnabled();
	}

	@Override
	FrameOutcome processText(String text) {
		JsonNode tree = null;
		if (!text.isBlank()) {
			try {
				tree = client().jsonMapper().readTree(text);
			}
			catch (JacksonException ex) {
				// not JSON: a signal that the status changed
			}
		}
		if (tree == null || !tree.isObject()) {
			readStatus();
			return FrameOutcome.PROCESSED;
		}
		WorkstreamPatternEngineStatus status;
		try {
			status = client().jsonMapper().treeToValue(tree, WorkstreamPatternEngineStatus.class);
		}
		catch (RuntimeException ex) {
			return badFrame(FrameOutcome.MALFORMED, "not a WorkstreamPatternEngineStatus", ex);
		}
		received(status);
		return FrameOutcome.PROCESSED;
	}

	@Override
	void onDisconnected(CloseStatus status) {
		this.current = null;
	}

	private void received(WorkstreamPatternEngineStatus status) {
		this.current = status;
		deliver(status);
	}

	/** Read the status over REST on a worker, then deliver it in order with the socket's other callbacks. */
	private void readStatus() {
		try {
			manager().executor().execute(() -> {
				try {
					WorkstreamPatternEngineStatus status = client().ltm().status();
					serialExecutor().execute(() -> received(status));
				}
				catch (RuntimeException ex) {
					serialExecutor().execute(() -> reportError(ex));
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// the manager is closing: nothing to deliver to
		}
	}

}
