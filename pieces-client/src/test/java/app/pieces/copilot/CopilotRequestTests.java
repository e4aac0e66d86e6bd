package app.pieces.copilot;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CopilotRequest} and {@link CopilotSettings}.
 */
class CopilotRequestTests {

	@Test
	void ofShouldStartANewConversationWithDefaults() {
		CopilotRequest request = CopilotRequest.of("What is jitter?");
		assertThat(request.question()).isEqualTo("What is jitter?");
		assertThat(request.isNewConversation()).isTrue();
		assertThat(request.model()).isNull();
		assertThat(request.assetIds()).isEmpty();
		assertThat(request.contextTexts()).isEmpty();
	}

	@Test
	void builderShouldCollectConversationModelAndContext() {
		CopilotRequest request = CopilotRequest.builder("Explain")
			.conversation("c-1")
			.model("GPT-4o Chat Model")
			.assets("a-1", "a-2")
			.context("int x = 1;")
			.build();
		assertThat(request.conversationId()).isEqualTo("c-1");
		assertThat(request.isNewConversation()).isFalse();
		assertThat(request.model()).isEqualTo("GPT-4o Chat Model");
		assertThat(request.assetIds()).containsExactly("a-1", "a-2");
		assertThat(request.contextTexts()).containsExactly("int x = 1;");
	}

	@Test
	void toBuilderShouldKeepEverythingButTheQuestion() {
		CopilotRequest first = CopilotRequest.builder("one").conversation("c-1").model("m").assets("a").build();
		CopilotRequest second = first.toBuilder("two").build();
		assertThat(second.question()).isEqualTo("two");
		assertThat(second.conversationId()).isEqualTo("c-1");
		assertThat(second.model()).isEqualTo("m");
		assertThat(second.assetIds()).containsExactly("a");
		assertThat(first.toBuilder("three").newConversation().build().isNewConversation()).isTrue();
	}

	@Test
	void blankQuestionShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> CopilotRequest.of("  "));
	}

	@Test
	void toStringShouldNotRevealTheQuestionOrContext() {
		CopilotRequest request = CopilotRequest.builder("my secret plan").context("password=hunter2").build();
		assertThat(request.toString()).doesNotContain("secret", "hunter2").contains("14 chars");
	}

	@Test
	void settingsShouldDefaultToSixtySecondsAndRejectNonPositiveTimeouts() {
		assertThat(CopilotSettings.defaults().timeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(CopilotSettings.defaults().defaultModel()).isNull();
		assertThat(CopilotSettings.defaults().withTimeout(Duration.ofMillis(500)).timeout())
			.isEqualTo(Duration.ofMillis(500));
		assertThatIllegalArgumentException().isThrownBy(() -> CopilotSettings.defaults().withTimeout(Duration.ZERO));
	}

}
