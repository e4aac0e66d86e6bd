package app.pieces.ai.mcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.execution.ToolExecutionException;

import app.pieces.client.PiecesUnavailableException;

/**
 * One Pieces MCP tool as a Spring AI {@link ToolCallback}. It outlives sessions: each call goes to the link's
 * current session, so a callback handed to a {@code ChatClient} keeps working after Pieces OS restarts or moves.
 * The model gets the tool's text; every failure (Pieces OS away or silent, an error result, a refused call, bad
 * arguments) is a {@link ToolExecutionException} whose message says what happened, which Spring AI's default
 * processor hands back to the model.
 */
final class McpToolCallback implements ToolCallback {

	private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() {
	};

	private final ToolDefinition definition;

	private final McpLink link;

	private final McpMeters meters;

	private final JsonMapper json;

	McpToolCallback(ToolDefinition definition, McpLink link, McpMeters meters, JsonMapper json) {
		this.definition = definition;
		this.link = link;
		this.meters = meters;
		this.json = json;
	}

	@Override
	public ToolDefinition getToolDefinition() {
		return this.definition;
	}

	@Override
	public String call(String toolInput) {
		return call(toolInput, null);
	}

	@Override
	public String call(String toolInput, @Nullable ToolContext toolContext) {
		String tool = this.definition.name();
		long start = System.nanoTime();
		String outcome = "failure";
		try {
			CallToolResult result = this.link.call(tool, arguments(toolInput));
			String text = text(result);
			if (Boolean.TRUE.equals(result.isError())) {
				outcome = "error";
				throw failure(new IllegalStateException("Pieces' tool '" + tool + "' failed: " + text));
			}
			outcome = "success";
			return text;
		}
		catch (PiecesUnavailableException ex) {
			outcome = "unavailable";
			throw failure(ex);
		}
		catch (McpError ex) {
			throw failure(new IllegalStateException("Pieces OS refused the call of '" + tool + "': " + ex.getMessage(), ex));
		}
		finally {
			this.meters.call(tool, outcome, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	private Map<String, Object> arguments(@Nullable String toolInput) {
		if (toolInput == null || toolInput.isBlank()) {
			return Map.of();
		}
		try {
			Map<String, Object> arguments = this.json.readValue(toolInput, ARGUMENTS);
			return (arguments != null) ? arguments : Map.of();
		}
		catch (JacksonException ex) {
			throw failure(new IllegalArgumentException("The arguments of '" + this.definition.name()
					+ "' must be a JSON object: " + ex.getOriginalMessage(), ex));
		}
	}

	/** The text contents, one per line; other contents as their JSON. */
	private String text(CallToolResult result) {
		List<String> parts = new ArrayList<>();
		for (McpSchema.Content content : (result.content() != null) ? result.content() : List.<McpSchema.Content>of()) {
			parts.add((content instanceof McpSchema.TextContent text) ? text.text()
					: this.json.writeValueAsString(content));
		}
		return String.join("\n", parts);
	}

	private ToolExecutionException failure(Throwable cause) {
		return new ToolExecutionException(this.definition, cause);
	}

	@Override
	public String toString() {
		return "McpToolCallback[" + this.definition.name() + "]";
	}

}
