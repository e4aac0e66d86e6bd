package app.pieces.ai.mcp;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import app.pieces.ai.mcp.PiecesMcpToolCallbackProvider.Transport;

/**
 * The {@code pieces.mcp.*} meters: {@code pieces.mcp.connected} (1 while a session is open),
 * {@code pieces.mcp.tools} (tools offered), {@code pieces.mcp.connects} (sessions opened or failed, by
 * {@code transport} and {@code outcome}) and {@code pieces.mcp.calls} (tool calls, by {@code tool} and
 * {@code outcome}: {@code success}, {@code error} for an error result, {@code unavailable}, {@code failure}).
 * Without a registry nothing is recorded.
 */
final class McpMeters {

	private final @Nullable MeterRegistry registry;

	private final AtomicInteger connected = new AtomicInteger();

	private final AtomicInteger tools = new AtomicInteger();

	McpMeters(@Nullable MeterRegistry registry) {
		this.registry = registry;
		if (registry != null) {
			Gauge.builder("pieces.mcp.connected", this.connected, AtomicInteger::get)
				.description("1 while the MCP session with Pieces OS is open")
				.register(registry);
			Gauge.builder("pieces.mcp.tools", this.tools, AtomicInteger::get)
				.description("Pieces MCP tools offered")
				.register(registry);
		}
	}

	void connected(boolean open) {
		this.connected.set(open ? 1 : 0);
	}

	void tools(int count) {
		this.tools.set(count);
	}

	void connect(Transport transport, boolean success) {
		if (this.registry != null) {
			Counter.builder("pieces.mcp.connects")
				.description("MCP sessions opened with Pieces OS, or attempts that failed")
				.tag("transport", transport.label())
				.tag("outcome", success ? "success" : "failure")
				.register(this.registry)
				.increment();
		}
	}

	void call(String tool, String outcome, Duration duration) {
		if (this.registry != null) {
			Timer.builder("pieces.mcp.calls")
				.description("Pieces MCP tool calls")
				.tag("tool", tool)
				.tag("outcome", outcome)
				.register(this.registry)
				.record(duration);
		}
	}

}
