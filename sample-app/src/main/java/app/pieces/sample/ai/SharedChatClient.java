package app.pieces.sample.ai;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * One {@link ChatClient} per controller, built on first use from Spring AI's auto-configured builder: the advisors
 * and options that differ are given per request. Without the builder (the copilot switched off) a request gets a
 * {@code 503} that says why.
 */
final class SharedChatClient {

	private final ObjectProvider<ChatClient.Builder> builder;

	private volatile @Nullable ChatClient client;

	SharedChatClient(ObjectProvider<ChatClient.Builder> builder) {
		this.builder = builder;
	}

	ChatClient get() {
		ChatClient built = this.client;
		if (built == null) {
			ChatClient.Builder available = this.builder.getIfAvailable();
			if (available == null) {
				throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
						"The copilot is switched off (pieces.streams.qgpt.enabled=false)");
			}
			built = available.build();
			this.client = built;
		}
		return built;
	}

}
