package app.pieces.websocket;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

/**
 * The health stream ({@code /.well-known/stream/health}): plain text frames, {@code OK}
 * while Pieces OS is healthy. Listeners receive the raw status text. The closing of this
 * socket is the real "Pieces OS went away" signal; unlike the Python SDK's, it reconnects.
 *
 * @author Pieces starter team
 */
public class HealthWS extends BaseWebsocket<String> {

	private volatile @Nullable String lastStatus;

	/**
	 * Create a health socket with the Python SDK's callbacks.
	 * @param manager the manager
	 * @param onMessage called with every status text, or {@code null}
	 * @param onOpen called after each connect, or {@code null}
	 * @param onError called on errors, or {@code null}
	 * @param onClose called when a connection ends, or {@code null}
	 */
	public HealthWS(PiecesWebsocketManager manager, @Nullable Consumer<? super String> onMessage,
			@Nullable Runnable onOpen, @Nullable Consumer<? super Throwable> onError,
			@Nullable Consumer<? super CloseStatus> onClose) {
		this(manager, WebsocketListener.of(onMessage, onOpen, onError, onClose));
	}

	/**
	 * Create a health socket.
	 * @param manager the manager
	 * @param listener the seed listener, or {@code null}
	 */
	public HealthWS(PiecesWebsocketManager manager, @Nullable WebsocketListener<? super String> listener) {
		super(manager, PiecesStream.HEALTH, listener);
	}

	/**
	 * Return the last status text received.
	 * @return the status, or empty before the first frame
	 */
	public Optional<String> lastStatus() {
		return Optional.ofNullable(this.lastStatus);
	}

	/**
	 * Return whether the socket is connected and the last status starts with {@code ok}
	 * (case-insensitive), the check the official clients use.
	 * @return whether Pieces OS reports itself healthy
	 */
	public boolean isHealthy() {
		String status = this.lastStatus;
		return isConnected() && status != null && status.trim().toLowerCase(Locale.ROOT).startsWith("ok");
	}

	@Override
	protected FrameOutcome processText(String text) {
		this.lastStatus = text;
		deliver(text);
		return FrameOutcome.PROCESSED;
	}

	@Override
	protected void onDisconnected(CloseStatus status) {
		this.lastStatus = null;
	}

}
