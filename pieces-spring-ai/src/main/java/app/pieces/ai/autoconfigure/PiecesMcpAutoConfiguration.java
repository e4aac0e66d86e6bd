package app.pieces.ai.autoconfigure;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

import app.pieces.ai.mcp.PiecesMcpToolCallbackProvider;
import app.pieces.websocket.HealthWS;
import app.pieces.websocket.PiecesWebsocketManager;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of Pieces OS's MCP tools for any Spring AI chat model, opted
 * in with {@code pieces.ai.mcp.enabled=true}: a {@link PiecesMcpToolCallbackProvider} (a {@code ToolCallbackProvider}
 * bean) whose session follows the Pieces health stream (its health contributor is
 * {@link PiecesMcpHealthContributorAutoConfiguration}'s). Needs the
 * official MCP Java SDK ({@code io.modelcontextprotocol.sdk:mcp}, which {@code spring-ai-mcp} brings) and the
 * {@link PiecesWebsocketManager} of the Pieces auto-configuration. Backs off when the application defines its own
 * provider.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "app.pieces.boot.autoconfigure.PiecesAutoConfiguration")
@ConditionalOnClass({ PiecesWebsocketManager.class, io.modelcontextprotocol.client.McpSyncClient.class,
		org.springframework.ai.tool.ToolCallbackProvider.class })
@ConditionalOnBooleanProperty(name = "pieces.ai.mcp.enabled")
@EnableConfigurationProperties(PiecesMcpProperties.class)
public final class PiecesMcpAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(PiecesWebsocketManager.class)
	PiecesMcpToolCallbackProvider piecesMcpToolCallbackProvider(PiecesWebsocketManager piecesWebsocketManager,
			PiecesMcpProperties properties, ObjectProvider<HealthWS> health, ObjectProvider<MeterRegistry> meters) {
		positive("pieces.ai.mcp.request-timeout", properties.getRequestTimeout());
		positive("pieces.ai.mcp.initialization-timeout", properties.getInitializationTimeout());
		// the health stream, registered with the manager before the provider looks for it, drives the session
		health.getIfAvailable();
		PiecesMcpToolCallbackProvider provider = PiecesMcpToolCallbackProvider.builder(piecesWebsocketManager)
			.transport(properties.getTransport())
			.fallbackToSse(properties.isFallbackToSse())
			.requestTimeout(properties.getRequestTimeout())
			.initializationTimeout(properties.getInitializationTimeout())
			.meterRegistry(meters.getIfUnique())
			.build();
		provider.start();
		return provider;
	}

	private static void positive(String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "Give a positive duration, e.g. 30s.");
		}
	}

}
