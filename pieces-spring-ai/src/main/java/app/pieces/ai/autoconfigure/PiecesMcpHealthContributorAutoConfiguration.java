package app.pieces.ai.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import app.pieces.ai.mcp.PiecesMcpToolCallbackProvider;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@code piecesMcp} health contributor: UP while the MCP
 * session with Pieces OS is open, DOWN with the reason otherwise. Needs {@code spring-boot-health} and the
 * {@link PiecesMcpToolCallbackProvider}; switched by {@code management.health.pieces-mcp.enabled}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = PiecesMcpAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class,
		io.modelcontextprotocol.client.McpSyncClient.class })
@ConditionalOnBean(PiecesMcpToolCallbackProvider.class)
@ConditionalOnEnabledHealthIndicator("pieces-mcp")
public final class PiecesMcpHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "piecesMcpHealthIndicator")
	HealthIndicator piecesMcpHealthIndicator(PiecesMcpToolCallbackProvider piecesMcpToolCallbackProvider) {
		return new PiecesMcpHealthIndicator(piecesMcpToolCallbackProvider);
	}

}
