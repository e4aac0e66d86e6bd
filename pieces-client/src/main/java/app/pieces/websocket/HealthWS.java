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
public final class HealthWS extends BaseWebsocket<String> {

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
	 * Return whether the socket is connected and its last status is healthy according to
	 * {@link #isHealthy(String)}.
	 * @return whether Pieces OS reports itself healthy
	 */
	public boolean isHealthy() {
		return isConnected() && isHealthy(this.lastStatus);
	}

	/**
	 * Return whether a status text of the health stream means "healthy": it starts with
	 * {@code ok}, ignoring case and surrounding whitespace (so {@code " OK"} and
	 * {@code "OK\n"} are healthy), the check the official clients use. The one definition of
	 * "healthy" for this socket, its events and the health indicator.
	 * @param status the status text, or {@code null} when none was received
	 * @return whether the status is healthy
	 */
	public static boolean isHealthy(@Nullable String status) {
		return status != null && status.strip().toLowerCase(Locale.ROOT).startsWith("ok");
	}

	@Override
	FrameOutcome processText(String text) {
		this.lastStatus = text;
		deliver(text);
		return FrameOutcome.PROCESSED;
	}

	@Override
	void onDisconnected(CloseStatus status) {
		this.lastStatus = null;
	}

}
