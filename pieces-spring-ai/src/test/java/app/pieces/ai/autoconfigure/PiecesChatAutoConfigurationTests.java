package app.pieces.ai.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.pieces.ai.PiecesChatModel;
import app.pieces.ai.PiecesChatOptions;
import app.pieces.boot.autoconfigure.PiecesAutoConfiguration;
import app.pieces.copilot.PiecesCopilot;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PiecesChatAutoConfiguration}, with and without Spring AI on the class path, and end to end
 * against the simulator.
 */
class PiecesChatAutoConfigurationTests {

	private static final String FIXTURE_QUESTION = "How do I add jitter to this retry helper?";

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PiecesAutoConfiguration.class, PiecesChatAutoConfiguration.class))
		.withPropertyValues("pieces.base-url=http://127.0.0.1:" + freePort(), "pieces.streams.auto-startup=false");

	@AfterEach
	void resetCopilot() {
		pieces.simulator().copilot().reset();
	}

	@Test
	void autoConfigurationWithSpringAiShouldRegisterThePiecesChatModelOnTheCopilot() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(PiecesChatModel.class).hasSingleBean(ChatModel.class);
			PiecesChatModel chatModel = context.getBean(PiecesChatModel.class);
			assertThat(chatModel.getOptions()).isEqualTo(PiecesChatOptions.builder().build());
		});
	}

	@Test
	void autoConfigurationWithoutSpringAiShouldRegisterNoChatModel() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModel.class)).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(PiecesCopilot.class)
				.doesNotHaveBean(PiecesChatModel.class)
				.doesNotHaveBean(PiecesChatProperties.class);
		});
	}

	@Test
	void autoConfigurationWithoutSpringAiModelModuleShouldRegisterNoChatModel() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.ai")).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(PiecesCopilot.class).doesNotHaveBean(PiecesChatModel.class);
		});
	}

	@Test
	void autoConfigurationWhenDisabledShouldRegisterNoChatModel() {
		this.contextRunner.withPropertyValues("pieces.ai.chat.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(PiecesCopilot.class).doesNotHaveBean(PiecesChatModel.class));
	}

	@Test
	void autoConfigurationWhenSpringAiSelectsAnotherChatModelShouldRegisterNoChatModel() {
		this.contextRunner.withPropertyValues("spring.ai.model.chat=openai")
			.run((context) -> assertThat(context).doesNotHaveBean(PiecesChatModel.class));
		this.contextRunner.withPropertyValues("spring.ai.model.chat=pieces")
			.run((context) -> assertThat(context).hasSingleBean(PiecesChatModel.class));
	}

	@Test
	void autoConfigurationWithoutCopilotShouldRegisterNoChatModel() {
		this.contextRunner.withPropertyValues("pieces.streams.qgpt.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(PiecesCopilot.class).doesNotHaveBean(PiecesChatModel.class);
		});
	}

	@Test
	void autoConfigurationWithoutPiecesAutoConfigurationShouldUseTheApplicationsCopilot() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PiecesChatAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PiecesChatModel.class));
	}

	@Test
	void userDefinedChatModelShouldMakeTheAutoConfigurationBackOff() {
		this.contextRunner.withUserConfiguration(UserChatModelConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(PiecesChatModel.class);
			assertThat(context.getBean(PiecesChatModel.class))
				.isSameAs(context.getBean("userChatModel", PiecesChatModel.class));
		});
	}

	@Test
	void propertiesShouldBecomeTheDefaultOptions() {
		this.contextRunner
			.withPropertyValues("pieces.ai.chat.options.model=GPT-4o Chat Model",
					"pieces.ai.chat.options.conversation-id=c1", "pieces.ai.chat.options.asset-ids=a1,a2")
			.run((context) -> {
				PiecesChatOptions options = context.getBean(PiecesChatModel.class).getOptions();
				assertThat(options.getModel()).isEqualTo("GPT-4o Chat Model");
				assertThat(options.getConversationId()).isEqualTo("c1");
				assertThat(options.getAssetIds()).containsExactly("a1", "a2");
			});
	}

	@Test
	void chatClientOnTheAutoConfiguredModelShouldAnswerFromTheSimulator() {
		liveContextRunner().run((context) -> {
			ChatModel chatModel = context.getBean(ChatModel.class);

			String content = ChatClient.create(chatModel).prompt(FIXTURE_QUESTION).call().content();

			assertThat(content).isEqualTo(pieces.simulator().copilot().answerFor(FIXTURE_QUESTION));
		});
	}

	@Test
	void springAiChatClientBuilderShouldBeBuiltOnThePiecesChatModel() {
		liveContextRunner()
			.withConfiguration(AutoConfigurations.of(ChatClientAutoConfiguration.class, ToolCallingAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(ChatClient.Builder.class);
				ChatClient chatClient = context.getBean(ChatClient.Builder.class).build();

				List<String> chunks = chatClient.prompt(FIXTURE_QUESTION).stream().content().collectList()
					.block(Duration.ofSeconds(30));

				assertThat(chunks).containsExactlyElementsOf(pieces.simulator().copilot().chunksFor(FIXTURE_QUESTION));
			});
	}

	@Test
	void propertyModelShouldBeUsedAndPromptOptionsShouldWin() {
		liveContextRunner().withPropertyValues("pieces.ai.chat.options.model=GPT-4o Chat Model").run((context) -> {
			ChatClient chatClient = ChatClient.create(context.getBean(ChatModel.class));

			String byDefault = chatClient.prompt("Which model?").call().chatResponse().getMetadata().getModel();
			String chosen = chatClient.prompt("Which model?")
				.options(ChatOptions.builder().model("Llama-3 8B (Ollama) Chat Model"))
				.call()
				.chatResponse()
				.getMetadata()
				.getModel();

			assertThat(byDefault).isEqualTo("GPT-4o Chat Model");
			assertThat(chosen).isEqualTo("Llama-3 8B (Ollama) Chat Model");
		});
	}

	@Test
	void observationRegistryAndConventionBeansShouldBeUsed() {
		liveContextRunner().withUserConfiguration(ObservationConfiguration.class).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);

			context.getBean(ChatModel.class).call(FIXTURE_QUESTION);

			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo(DefaultChatModelObservationConvention.DEFAULT_NAME)
				.that()
				.hasLowCardinalityKeyValue("custom", "yes")
				.hasBeenStopped();
		});
	}

	private ApplicationContextRunner liveContextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PiecesAutoConfiguration.class, PiecesChatAutoConfiguration.class))
			.withPropertyValues("pieces.base-url=" + pieces.simulator().baseUrl());
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChatModelConfiguration {

		@Bean
		PiecesChatModel userChatModel(PiecesCopilot copilot) {
			return new PiecesChatModel(copilot);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ObservationConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		ChatModelObservationConvention customConvention() {
			return new DefaultChatModelObservationConvention() {

				@Override
				public KeyValues getLowCardinalityKeyValues(ChatModelObservationContext context) {
					return super.getLowCardinalityKeyValues(context).and("custom", "yes");
				}

			};
		}

	}

}
