package app.pieces.simulator;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * A stock JDK websocket client that records every whole text message (partial frames reassembled).
 */
final class WsProbe implements WebSocket.Listener, AutoCloseable {

	final List<String> messages = new CopyOnWriteArrayList<>();

	private final StringBuilder partial = new StringBuilder();

	private volatile int partials;

	private volatile boolean closed;

	private volatile int closeCode = -1;

	private volatile WebSocket webSocket;

	private WsProbe() {
	}

	static WsProbe connect(String baseWsUrl, String path) {
		WsProbe probe = new WsProbe();
		probe.webSocket = Http.CLIENT.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(URI.create(baseWsUrl + path), probe)
			.orTimeout(10, TimeUnit.SECONDS)
			.join();
		return probe;
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		synchronized (this.partial) {
			this.partial.append(data);
			this.partials++;
			if (last) {
				this.messages.add(this.partial.toString());
				this.partial.setLength(0);
			}
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeCode = statusCode;
		this.closed = true;
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed = true;
	}

	/**
	 * Wait for the message with the given index (0 = first message since connect).
	 */
	String awaitMessage(int index) {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.messages.size() > index);
		return this.messages.get(index);
	}

	JsonNode awaitJson(int index) {
		return Json.parse(awaitMessage(index));
	}

	void send(String text) {
		this.webSocket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
	}

	boolean isClosed() {
		return this.closed;
	}

	int closeCode() {
		return this.closeCode;
	}

	void awaitClosed() {
		await().until(this::isClosed);
	}

	@Override
	public void close() {
		if (!this.closed) {
			this.webSocket.abort();
		}
	}

}
