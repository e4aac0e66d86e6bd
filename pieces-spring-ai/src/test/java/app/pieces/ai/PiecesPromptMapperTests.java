package app.pieces.ai;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;

import app.pieces.copilot.CopilotRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PiecesPromptMapper}.
 */
class PiecesPromptMapperTests {

	@Test
	void singleUserMessageShouldBeSentAsWritten() {
		assertThat(PiecesPromptMapper.question(List.of(new UserMessage("How do I add jitter?")), false))
			.isEqualTo("How do I add jitter?");
	}

	@Test
	void systemMessagesShouldComeFirstSeparatedByBlankLines() {
		List<Message> messages = List.of(new SystemMessage("You are terse."), new UserMessage("Why?"),
				new SystemMessage("Answer in English."));

		assertThat(PiecesPromptMapper.question(messages, false)).isEqualTo("You are terse.\n\nAnswer in English.\n\nWhy?");
	}

	@Test
	void earlierTurnsWithoutConversationShouldBecomeATranscript() {
		List<Message> messages = List.of(new SystemMessage("Be brief."), new UserMessage("Hi"),
				new AssistantMessage("Hello!"), new UserMessage("What is jitter?"));

		assertThat(PiecesPromptMapper.question(messages, false))
			.isEqualTo("Be brief.\n\nEarlier in this conversation:\nUser: Hi\nAssistant: Hello!\n\nWhat is jitter?");
	}

	@Test
	void earlierTurnsInAConversationShouldNotBeResent() {
		List<Message> messages = List.of(new SystemMessage("Be brief."), new UserMessage("Hi"),
				new AssistantMessage("Hello!"), new UserMessage("What is jitter?"));

		assertThat(PiecesPromptMapper.question(messages, true)).isEqualTo("Be brief.\n\nWhat is jitter?");
	}

	@Test
	void messagesAfterTheLastUserMessageShouldBeIgnored() {
		List<Message> messages = List.of(new UserMessage("Question"), new AssistantMessage("Prefill"));

		assertThat(PiecesPromptMapper.question(messages, false)).isEqualTo("Question");
	}

	@Test
	void promptWithoutUserMessageShouldBeRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PiecesPromptMapper.question(List.of(new SystemMessage("Only system")), false))
			.withMessageContaining("no user message");
	}

	@Test
	void blankUserMessageShouldBeRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PiecesPromptMapper.question(List.of(new UserMessage("  ")), false))
			.withMessageContaining("blank");
	}

	@Test
	void toolMessagesShouldBeRejected() {
		List<Message> messages = List.of(new UserMessage("Weather?"),
				ToolResponseMessage.builder().responses(List.of(new ToolResponseMessage.ToolResponse("1", "weather", "sunny"))).build());

		assertThatIllegalArgumentException().isThrownBy(() -> PiecesPromptMapper.question(messages, false))
			.withMessageContaining("tool");
	}

	@Test
	void toRequestShouldCarryModelConversationAndAssets() {
		PiecesChatOptions options = PiecesChatOptions.builder()
			.model("GPT-4o Chat Model")
			.conversationId("c1")
			.assetIds("a1", "a2")
			.build();

		CopilotRequest request = PiecesPromptMapper.toRequest(new Prompt("And in Kotlin?"), options);

		assertThat(request.question()).isEqualTo("And in Kotlin?");
		assertThat(request.model()).isEqualTo("GPT-4o Chat Model");
		assertThat(request.conversationId()).isEqualTo("c1");
		assertThat(request.assetIds()).containsExactly("a1", "a2");
	}

	@Test
	void toRequestWithoutOptionsShouldStartANewConversationWithTheDefaultModel() {
		CopilotRequest request = PiecesPromptMapper.toRequest(new Prompt("Hi"), PiecesChatOptions.builder().build());

		assertThat(request.isNewConversation()).isTrue();
		assertThat(request.model()).isNull();
		assertThat(request.assetIds()).isEmpty();
	}

}
