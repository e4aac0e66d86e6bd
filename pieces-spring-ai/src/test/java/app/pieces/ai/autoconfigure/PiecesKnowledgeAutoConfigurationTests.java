package app.pieces.ai.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration;
import org.springframework.ai.rag.Query;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import app.pieces.ai.PiecesChatMemoryRepository;
import app.pieces.ai.PiecesDocumentRetriever;
import app.pieces.boot.autoconfigure.PiecesAutoConfiguration;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PiecesKnowledgeAutoConfiguration}: the retriever by default with spring-ai-rag, the memory
 * repository opted in and used by Spring AI's chat memory, and bad settings named.
 */
class PiecesKnowledgeAutoConfigurationTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().healthInterval(Duration.ZERO)
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PiecesAutoConfiguration.class, PiecesKnowledgeAutoConfiguration.class,
				ChatMemoryAutoConfiguration.class))
		.withPropertyValues("pieces.base-url=" + pieces.simulator().baseUrl(), "pieces.streams.auto-startup=false");

	@Test
	void retrieverShouldBeConfiguredByDefaultFromItsProperties() {
		this.contextRunner
			.withPropertyValues("pieces.ai.retriever.mode=neural-code", "pieces.ai.retriever.top-k=1")
			.run((context) -> {
				PiecesDocumentRetriever retriever = context.getBean(PiecesDocumentRetriever.class);
				assertThat(retriever).hasToString("PiecesDocumentRetriever[mode=ncs, topK=1, threshold=0.0]");
				assertThat(retriever.retrieve(new Query("retry delay"))).hasSize(1);
			});
	}

	@Test
	void retrieverShouldBackOffWithoutSpringAiRagOrWhenSwitchedOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.ai.rag"))
			.run((context) -> assertThat(context).doesNotHaveBean(PiecesDocumentRetriever.class));
		this.contextRunner.withPropertyValues("pieces.ai.retriever.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PiecesDocumentRetriever.class));
	}

	@Test
	void badRetrieverSettingsShouldNameTheProperty() {
		this.contextRunner.withPropertyValues("pieces.ai.retriever.top-k=0").run((context) -> assertThat(context)
			.hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("pieces.ai.retriever.top-k"));
		this.contextRunner.withPropertyValues("pieces.ai.retriever.similarity-threshold=2").run((context) -> assertThat(
				context).hasFailed().getFailure().rootCause().hasMessageContaining("pieces.ai.retriever.similarity-threshold"));
	}

	@Test
	void memoryShouldBeOptInAndThenBackSpringAiChatMemory() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ChatMemoryRepository.class))
			.isInstanceOf(InMemoryChatMemoryRepository.class));
		this.contextRunner.withPropertyValues("pieces.ai.memory.enabled=true").run((context) -> {
			assertThat(context.getBean(ChatMemoryRepository.class)).isInstanceOf(PiecesChatMemoryRepository.class);
			ChatMemory memory = context.getBean(ChatMemory.class);
			memory.add("auto-configured", new UserMessage("kept in Pieces"));
			assertThat(context.getBean(PiecesChatMemoryRepository.class).findByConversationId("auto-configured"))
				.extracting((message) -> message.getText())
				.containsExactly("kept in Pieces");
		});
	}

}
