package app.pieces.ai.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import app.pieces.ai.PiecesChatModel;
import app.pieces.copilot.PiecesCopilot;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of Pieces Copilot as a Spring AI chat model: registers a
 * {@link PiecesChatModel} on the application's {@link PiecesCopilot} (the one the Pieces auto-configuration
 * creates, or the application's own) when Spring AI's {@link ChatModel} is on the class path. Its default
 * options come from {@code pieces.ai.chat.options.*}; it records Spring AI chat model observations when an
 * {@link ObservationRegistry} bean exists (and uses a {@link ChatModelObservationConvention} bean if there is
 * one).
 * <p>
 * It runs before Spring AI's {@code ChatClientAutoConfiguration}, whose {@code ChatClient.Builder} needs the
 * chat model.
 * <p>
 * Switched off by {@code pieces.ai.chat.enabled=false}, and, as Spring AI's own model auto-configurations are,
 * by {@code spring.ai.model.chat} naming another model than {@code pieces}. Backs off when the application
 * defines its own {@link PiecesChatModel}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "app.pieces.boot.autoconfigure.PiecesAutoConfiguration",
		beforeName = "org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration")
@ConditionalOnClass({ ChatModel.class, PiecesChatModel.class, PiecesCopilot.class })
@ConditionalOnBooleanProperty(name = "pieces.ai.chat.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "spring.ai.model.chat", havingValue = PiecesChatModel.PROVIDER, matchIfMissing = true)
@EnableConfigurationProperties(PiecesChatProperties.class)
public final class PiecesChatAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(PiecesCopilot.class)
	PiecesChatModel piecesChatModel(PiecesCopilot piecesCopilot, PiecesChatProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ChatModelObservationConvention> observationConvention,
			ObjectProvider<RetryTemplate> retryTemplate) {
		return PiecesChatModel.builder(piecesCopilot)
			// Spring AI's (spring.ai.retry.*) when spring-ai-autoconfigure-retry is present
			.retryTemplate(retryTemplate.getIfUnique())
			.defaultOptions(properties.toChatOptions())
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
			.observationConvention(observationConvention.getIfUnique())
			.build();
	}

}
