package app.pieces.sample.ai;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import app.pieces.ai.mcp.PiecesMcpToolCallbackProvider;

/**
 * Pieces OS's MCP tools, as any Spring AI model would use them ({@link PiecesMcpToolCallbackProvider}, switched on
 * by {@code pieces.ai.mcp.enabled=true} in the sample's properties), called here directly:
 * <ul>
 * <li>{@code GET /api/ai/tools}: {@code [{"name","description"}]}, the tools the app can call right now (none while
 * Pieces OS is away);</li>
 * <li>{@code POST /api/ai/tools/call} with {@code {"name","arguments":{...}}}: {@code {"content"}}, the tool's
 * text; {@code 503} with the reason while Pieces OS is away, {@code 404} for a tool Pieces OS does not offer,
 * {@code 502} when the tool answers with an error, {@code 400} without a name.</li>
 * </ul>
 *
 * @author Pieces starter team
 */
@RestController
public class ToolsController {

	private final ObjectProvider<PiecesMcpToolCallbackProvider> tools;

	private final JsonMapper json = JsonMapper.builder().build();

	ToolsController(ObjectProvider<PiecesMcpToolCallbackProvider> tools) {
		this.tools = tools;
	}

	/**
	 * List the tools that can be called now.
	 * @return name and description of each
	 */
	@GetMapping(path = "/api/ai/tools", produces = MediaType.APPLICATION_JSON_VALUE)
	public List<ToolView> tools() {
		return provider().availableTools()
			.stream()
			.map((definition) -> new ToolView(definition.name(), definition.description()))
			.toList();
	}

	/**
	 * Call one tool.
	 * @param request its name and arguments
	 * @return its text
	 */
	@PostMapping(path = "/api/ai/tools/call", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	public ToolResult call(@RequestBody ToolCallRequest request) {
		if (request.name() == null || request.name().isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Give the tool's \"name\"");
		}
		ToolCallback tool = provider().tool(request.name())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"Pieces OS offers no tool named '" + request.name() + "'; GET /api/ai/tools lists them"));
		Map<String, Object> arguments = (request.arguments() != null) ? request.arguments() : Map.of();
		return new ToolResult(tool.call(this.json.writeValueAsString(arguments)));
	}

	private PiecesMcpToolCallbackProvider provider() {
		PiecesMcpToolCallbackProvider provider = this.tools.getIfAvailable();
		if (provider == null) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"Pieces' MCP tools are switched off (pieces.ai.mcp.enabled=false)");
		}
		return provider;
	}

	/**
	 * One tool.
	 *
	 * @param name its name
	 * @param description what it does
	 */
	public record ToolView(String name, String description) {
	}

	/**
	 * A tool call.
	 *
	 * @param name the tool
	 * @param arguments its arguments
	 */
	public record ToolCallRequest(@Nullable String name, @Nullable Map<String, Object> arguments) {
	}

	/**
	 * A tool's answer.
	 *
	 * @param content its text
	 */
	public record ToolResult(String content) {
	}

}
