package app.pieces.ai.autoconfigure;

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
import org.springframework.context.annotation.Configuration;

import app.pieces.ai.PiecesChatMemoryRepository;
import app.pieces.ai.PiecesDocumentRetriever;
import app.pieces.client.PiecesClient;
import app.pieces.websocket.ConversationWS;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of Pieces as knowledge and memory for any Spring AI chat model:
 * a {@link PiecesDocumentRetriever} when {@code spring-ai-rag} is on the class path ({@code pieces.ai.retriever.*},
 * on by default), and, opted in with {@code pieces.ai.memory.enabled=true}, a {@link PiecesChatMemoryRepository}
 * that Spring AI's chat memory then uses instead of its in-memory one. Both back off when the application defines
 * its own, and need the {@link PiecesClient} of the Pieces auto-configuration (or the application's).
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "app.pieces.boot.autoconfigure.PiecesAutoConfiguration",
		beforeName = "org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration")
@ConditionalOnClass(PiecesClient.class)
@EnableConfigurationProperties(PiecesKnowledgeProperties.class)
public final class PiecesKnowledgeAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.ai.rag.retrieval.search.DocumentRetriever")
	@ConditionalOnBooleanProperty(name = "pieces.ai.retriever.enabled", matchIfMissing = true)
	static final class RetrieverConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(PiecesClient.class)
		PiecesDocumentRetriever piecesDocumentRetriever(PiecesClient piecesClient, PiecesKnowledgeProperties properties) {
			PiecesKnowledgeProperties.Retriever retriever = properties.getRetriever();
			if (retriever.getTopK() < 1) {
				throw new InvalidConfigurationPropertyValueException("pieces.ai.retriever.top-k", retriever.getTopK(),
						"Give at least 1.");
			}
			if (retriever.getSimilarityThreshold() < 0 || retriever.getSimilarityThreshold() > 1) {
				throw new InvalidConfigurationPropertyValueException("pieces.ai.retriever.similarity-threshold",
						retriever.getSimilarityThreshold(), "Give a score between 0 and 1.");
			}
			return PiecesDocumentRetriever.builder(piecesClient)
				.mode(retriever.getMode())
				.topK(retriever.getTopK())
				.similarityThreshold(retriever.getSimilarityThreshold())
				.emptyWhenUnavailable(retriever.isEmptyWhenUnavailable())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.ai.chat.memory.ChatMemoryRepository")
	@ConditionalOnBooleanProperty(name = "pieces.ai.memory.enabled")
	static final class MemoryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(PiecesClient.class)
		PiecesChatMemoryRepository piecesChatMemoryRepository(PiecesClient piecesClient,
				ObjectProvider<ConversationWS> conversations) {
			// the conversations cache, when the stream is on, spares a GET /conversations per lookup
			return new PiecesChatMemoryRepository(piecesClient,
					conversations.stream().map(ConversationWS::cache).findFirst().orElse(null));
		}

	}

}
