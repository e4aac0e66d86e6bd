package app.pieces.websocket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The delivery side of one socket: its serial executor and its listeners. Everything a socket tells its
 * listeners and the manager's {@link ClientEventListener}s goes through here, one callback at a time and in
 * order; what a listener throws is logged and ignored.
 *
 * @param <T> the message type of the socket
 */
final class Dispatcher<T> {

	private static final Log logger = LogFactory.getLog(BaseWebsocket.class);

	private final BaseWebsocket<T> socket;

	private final String tag;

	private final SerialExecutor executor;

	private final List<WebsocketListener<? super T>> listeners = new CopyOnWriteArrayList<>();

	Dispatcher(BaseWebsocket<T> socket, PiecesWebsocketManager manager) {
		this.socket = socket;
		this.tag = socket.stream().tag();
		this.executor = new SerialExecutor(this.tag, manager::workers);
	}

	Executor executor() {
		return this.executor;
	}

	void execute(Runnable task) {
		this.executor.execute(task);
	}

	void addListener(WebsocketListener<? super T> listener) {
		this.listeners.add(listener);
	}

	boolean removeListener(WebsocketListener<? super T> listener) {
		return this.listeners.remove(listener);
	}

	void publish(ClientEvent event) {
		this.socket.manager().publish(event);
	}

	void deliver(T message) {
		publish(new ClientEvent.Message<>(this.socket, message));
		forEachListener((listener) -> listener.onMessage(message), "onMessage");
	}

	void reportError(Throwable error) {
		publish(new ClientEvent.Error(this.socket, error));
		forEachListener((listener) -> listener.onError(error), "onError");
	}

	/**
	 * Report a bad frame: one log line (without the frame content) and an {@code onError} with a
	 * {@link WebsocketFrameException}.
	 * @param logCauseMessage whether the log line may quote the decoding error; {@code false} for streams whose
	 * payload holds personal data (decoder messages can quote values), which log the error type only
	 */
	FrameOutcome badFrame(FrameOutcome outcome, String detail, @Nullable Throwable cause, boolean logCauseMessage) {
		String message = "Ignored a frame on the " + this.tag + " stream (" + outcome.tag() + "): " + detail;
		String logged = message;
		if (cause != null) {
			logged += " (" + (logCauseMessage ? Failures.shortDescription(cause) : cause.getClass().getSimpleName())
					+ ")";
		}
		logger.warn(logged);
		if (cause != null && logCauseMessage && logger.isDebugEnabled()) {
			logger.debug("Decoding failure on the " + this.tag + " stream", cause);
		}
		reportError((cause != null) ? new WebsocketFrameException(this.socket.stream(), outcome, message, cause)
				: new WebsocketFrameException(this.socket.stream(), outcome, message));
		return outcome;
	}

	void forEachListener(Consumer<WebsocketListener<? super T>> action, String callback) {
		for (WebsocketListener<? super T> listener : this.listeners) {
			try {
				action.accept(listener);
			}
			catch (Throwable ex) {
				logger.warn("A listener of the " + this.tag + " stream threw in " + callback + ": " + ex, ex);
			}
		}
	}

}
