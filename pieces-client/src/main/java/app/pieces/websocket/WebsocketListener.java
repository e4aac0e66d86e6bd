package app.pieces.websocket;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

/**
 * Callbacks of one {@link BaseWebsocket}, the Java shape of the Python SDK's
 * {@code on_message}, {@code on_open}, {@code on_error} and {@code on_close}. Every method
 * has an empty default, so implement only what you need or use {@link #of}.
 * <p>
 * All callbacks of one socket run on that socket's serial executor, one at a time and in
 * order; they never run on the websocket I/O thread. A slow listener delays later callbacks
 * of the same socket only.
 *
 * @param <T> the decoded message type
 * @author Pieces starter team
 */
public interface WebsocketListener<T> {

	/**
	 * Called for every decoded message.
	 * @param message the message
	 */
	default void onMessage(T message) {
	}

	/**
	 * Called after each successful connect (also after every reconnect).
	 */
	default void onOpen() {
	}

	/**
	 * Called when a frame could not be decoded, a connect attempt failed, or the transport
	 * reported an error. The socket keeps working (or reconnects).
	 * @param error the error
	 */
	default void onError(Throwable error) {
	}

	/**
	 * Called when an open connection ends, whether the server closed it, it broke, or
	 * {@link BaseWebsocket#close()} was called.
	 * @param status the close status ({@link CloseStatus#NORMAL} on a client close)
	 */
	default void onClose(CloseStatus status) {
	}

	/**
	 * Create a listener from optional callbacks.
	 * @param <T> the message type
	 * @param onMessage called for every message, or {@code null}
	 * @param onOpen called after each connect, or {@code null}
	 * @param onError called on errors, or {@code null}
	 * @param onClose called when a connection ends, or {@code null}
	 * @return a listener
	 */
	static <T> WebsocketListener<T> of(@Nullable Consumer<? super T> onMessage, @Nullable Runnable onOpen,
			@Nullable Consumer<? super Throwable> onError, @Nullable Consumer<? super CloseStatus> onClose) {
		return new WebsocketListener<>() {

			@Override
			public void onMessage(T message) {
				if (onMessage != null) {
					onMessage.accept(message);
				}
			}

			@Override
			public void onOpen() {
				if (onOpen != null) {
					onOpen.run();
				}
			}

			@Override
			public void onError(Throwable error) {
				if (onError != null) {
					onError.accept(error);
				}
			}

			@Override
			public void onClose(CloseStatus status) {
				if (onClose != null) {
					onClose.accept(status);
				}
			}

		};
	}

	/**
	 * Create a listener that only receives messages.
	 * @param <T> the message type
	 * @param onMessage called for every message
	 * @return a listener
	 */
	static <T> WebsocketListener<T> onMessage(Consumer<? super T> onMessage) {
		return of(onMessage, null, null, null);
	}

}
