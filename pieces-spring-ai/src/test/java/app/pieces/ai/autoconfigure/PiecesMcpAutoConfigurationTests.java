package app.pieces.ai.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import app.pieces.ai.mcp.PiecesMcpToolCallbackProvider;
import app.pieces.boot.autoconfigure.PiecesAutoConfiguration;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PiecesMcpAutoConfiguration}: opt-in, Pieces' tools offered to a chat model that is not Pieces
 * (a scripted one that asks for {@code ask_pieces_ltm}) through a {@link ChatClient}, the {@code piecesMcp} health,
 * and bad settings named.
 */
class PiecesMcpAutoConfigurationTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(3).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PiecesAutoConfiguration.class, PiecesMcpAutoConfiguration.class,
				PiecesMcpHealthContributorAutoConfiguration.class))
		.withPropertyValues("pieces.base-url=" + pieces.simulator().baseUrl());

	@Test
	void toolsShouldBeOptInAndNeedTheMcpSdk() {
		this.contextRunner
			.run((context) -> assertThat(context).doesNotHaveBean(PiecesMcpToolCallbackProvider.class));
		this.contextRunner.withPropertyValues("pieces.ai.mcp.enabled=true")
			.withClassLoader(new FilteredClassLoader("io.modelcontextprotocol"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PiecesMcpToolCallbackProvider.class)
				.doesNotHaveBean("piecesMcpHealthIndicator"));
	}

	@Test
	void chatClientWithAnotherModelShouldCallPiecesLtmThroughTheTools() {
		this.contextRunner.withPropertyValues("pieces.ai.mcp.enabled=true").run((context) -> {
			PiecesMcpToolCallbackProvider tools = context.getBean(PiecesMcpToolCallbackProvider.class);
			await().atMost(Duration.ofSeconds(30)).until(tools::isConnected);
			LtmAskingModel model = new LtmAskingModel();
			String answer = ChatClient.create(model)
				.prompt("What did I do about the jitter in the retry helper?")
				.tools(tools)
				.call()
				.content();
			assertThat(answer).startsWith("From Pieces: ").contains("Retry helper: backoff with jitter");
			assertThat(model.offeredTools).contains("ask_pieces_ltm", "create_pieces_memory");
			assertThat(pieces.simulator().mcp().calls()).last()
				.satisfies((call) -> assertThat(call.arguments()).containsEntry("chat_llm", "scripted-model"));
		});
	}

	@Test
	void healthShouldShowTheLink() {
		this.contextRunner.withPropertyValues("pieces.ai.mcp.enabled=true", "pieces.ai.mcp.transport=sse")
			.run((context) -> {
				HealthIndicator health = context.getBean("piecesMcpHealthIndicator", HealthIndicator.class);
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(health.health().getStatus()).isEqualTo(Status.UP));
				Health up = health.health();
				assertThat(up.getDetails()).containsEntry("transport", "sse")
					.containsEntry("url", pieces.simulator().baseUrl() + "/model_context_protocol/2024-11-05/sse")
					.containsEntry("tools", List.of("ask_pieces_ltm", "create_pieces_memory"));
			});
	}

	@Test
	void badSettingsShouldNameTheProperty() {
		this.contextRunner.withPropertyValues("pieces.ai.mcp.enabled=true", "pieces.ai.mcp.request-timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("pieces.ai.mcp.request-timeout"));
	}

	/**
	 * A chat model that is not Pieces: asked a question, it calls {@code ask_pieces_ltm} with it; given the tool's
	 * answer, it replies with that.
	 */
	static final class LtmAskingModel implements ChatModel {

		final List<String> offeredTools = new CopyOnWriteArrayList<>();

		@Override
		public ChatResponse call(Prompt prompt) {
			if (prompt.getOptions() instanceof ToolCallingChatOptions options) {
				options.getToolCallbacks().stream().map(ToolCallback::getToolDefinition)
					.forEach((definition) -> this.offeredTools.add(definition.name()));
			}
			List<Message> messages = prompt.getInstructions();
			Message last = messages.get(messages.size() - 1);
			if (last instanceof ToolResponseMessage response) {
				return reply(new AssistantMessage("From Pieces: " + response.getResponses().get(0).responseData()));
			}
			String arguments = "{\"question\": \"" + last.getText().replace("\"", "'")
					+ "\", \"chat_llm\": \"scripted-model\"}";
			return reply(AssistantMessage.builder()
				.content("")
				.toolCalls(List.of(new AssistantMessage.ToolCall("call-1", "function", "ask_pieces_ltm", arguments)))
				.build());
		}

		@Override
		public ChatOptions getOptions() {
			// tool-calling options, as every Spring AI model with tools has: ChatClient then runs the tool loop
			return ToolCallingChatOptions.builder().build();
		}


		private static ChatResponse reply(AssistantMessage message) {
			return new ChatResponse(List.of(new Generation(message)));
		}

	}

}
