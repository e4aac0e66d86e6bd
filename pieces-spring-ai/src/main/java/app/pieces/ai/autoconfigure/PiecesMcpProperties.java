package app.pieces.ai.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import app.pieces.ai.mcp.PiecesMcpToolCallbackProvider;

/**
 * Configuration properties of Pieces' MCP tools ({@code pieces.ai.mcp.*}): whether the
 * {@link PiecesMcpToolCallbackProvider} is registered, its transport and its timeouts. The MCP endpoint's address
 * comes from the Pieces client (its base URL or discovery), never from here.
 */
@ConfigurationProperties("pieces.ai.mcp")
public class PiecesMcpProperties {

	/**
	 * Whether to offer Pieces OS's MCP tools (ask_pieces_ltm, create_pieces_memory, ...) as a ToolCallbackProvider.
	 */
	private boolean enabled;

	/**
	 * The MCP transport tried first: streamable-http or sse.
	 */
	private PiecesMcpToolCallbackProvider.Transport transport = PiecesMcpToolCallbackProvider.Transport.STREAMABLE_HTTP;

	/**
	 * Whether SSE is tried when the streamable HTTP endpoint fails (an older Pieces OS).
	 */
	private boolean fallbackToSse = true;

	/**
	 * Longest wait for an answer to one MCP request, a tool call included.
	 */
	private Duration requestTimeout = Duration.ofSeconds(30);

	/**
	 * Longest wait for an MCP session to open.
	 */
	private Duration initializationTimeout = Duration.ofSeconds(5);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public PiecesMcpToolCallbackProvider.Transport getTransport() {
		return this.transport;
	}

	public void setTransport(PiecesMcpToolCallbackProvider.Transport transport) {
		this.transport = transport;
	}

	public boolean isFallbackToSse() {
		return this.fallbackToSse;
	}

	public void setFallbackToSse(boolean fallbackToSse) {
		this.fallbackToSse = fallbackToSse;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public Duration getInitializationTimeout() {
		return this.initializationTimeout;
	}

	public void setInitializationTimeout(Duration initializationTimeout) {
		this.initializationTimeout = initializationTimeout;
	}

}
