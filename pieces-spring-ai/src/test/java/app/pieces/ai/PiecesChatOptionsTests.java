package app.pieces.ai;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.prompt.ChatOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PiecesChatOptions}.
 */
class PiecesChatOptionsTests {

	@Test
	void builderShouldSetEveryOption() {
		PiecesChatOptions options = PiecesChatOptions.builder()
			.model("GPT-4o Chat Model")
			.conversationId("c1")
			.assetIds("a1", "a2")
			.temperature(0.3)
			.maxTokens(100)
			.topP(0.9)
			.topK(5)
			.frequencyPenalty(0.1)
			.presencePenalty(0.2)
			.stopSequences(List.of("END"))
			.build();

		assertThat(options.getModel()).isEqualTo("GPT-4o Chat Model");
		assertThat(options.getConversationId()).isEqualTo("c1");
		assertThat(options.getAssetIds()).containsExactly("a1", "a2");
		assertThat(options.getTemperature()).isEqualTo(0.3);
		assertThat(options.getMaxTokens()).isEqualTo(100);
		assertThat(options.getTopP()).isEqualTo(0.9);
		assertThat(options.getTopK()).isEqualTo(5);
		assertThat(options.getFrequencyPenalty()).isEqualTo(0.1);
		assertThat(options.getPresencePenalty()).isEqualTo(0.2);
		assertThat(options.getStopSequences()).containsExactly("END");
	}

	@Test
	void mutateShouldStartFromTheValuesAndLeaveTheOriginalUnchanged() {
		PiecesChatOptions original = PiecesChatOptions.builder().model("m").conversationId("c1").assetIds("a1").build();

		PiecesChatOptions changed = original.mutate().conversationId("c2").assetIds("a2").build();

		assertThat(changed.getModel()).isEqualTo("m");
		assertThat(changed.getConversationId()).isEqualTo("c2");
		assertThat(changed.getAssetIds()).containsExactly("a2");
		assertThat(original.getConversationId()).isEqualTo("c1");
		assertThat(original.getAssetIds()).containsExactly("a1");
		assertThat(original.copy()).isEqualTo(original).isNotSameAs(original).hasSameHashCodeAs(original);
	}

	@Test
	void combineWithPiecesBuilderShouldTakeItsNonNullValues() {
		PiecesChatOptions.Builder defaults = PiecesChatOptions.builder().model("m").assetIds("a1").temperature(0.5);

		PiecesChatOptions combined = defaults
			.combineWith(PiecesChatOptions.builder().conversationId("c1").assetIds("a2", "a3"))
			.build();

		assertThat(combined.getModel()).isEqualTo("m");
		assertThat(combined.getConversationId()).isEqualTo("c1");
		assertThat(combined.getAssetIds()).containsExactly("a2", "a3");
		assertThat(combined.getTemperature()).isEqualTo(0.5);
	}

	@Test
	void combineWithPortableBuilderShouldTakeThePortableValuesAndKeepPiecesValues() {
		PiecesChatOptions combined = PiecesChatOptions.builder()
			.model("m")
			.conversationId("c1")
			.assetIds("a1")
			.combineWith(ChatOptions.builder().model("other").maxTokens(10))
			.build();

		assertThat(combined.getModel()).isEqualTo("other");
		assertThat(combined.getMaxTokens()).isEqualTo(10);
		assertThat(combined.getConversationId()).isEqualTo("c1");
		assertThat(combined.getAssetIds()).containsExactly("a1");
	}

	@Test
	void cloneShouldNotShareTheAssetIdList() {
		PiecesChatOptions.Builder builder = PiecesChatOptions.builder().assetIds("a1");
		PiecesChatOptions.Builder clone = builder.clone();

		clone.combineWith(PiecesChatOptions.builder().assetIds("a2"));

		assertThat(builder.build().getAssetIds()).containsExactly("a1");
		assertThat(clone.build().getAssetIds()).containsExactly("a2");
	}

	@Test
	void assetIdsShouldBeCopiedAndImmutable() {
		List<String> ids = new ArrayList<>(List.of("a1"));
		PiecesChatOptions options = PiecesChatOptions.builder().assetIds(ids).build();
		ids.add("a2");

		assertThat(options.getAssetIds()).containsExactly("a1").isUnmodifiable();
	}

	@Test
	void fromOptionsShouldConvertPortableOptions() {
		ChatOptions portable = ChatOptions.builder().model("m").temperature(0.7).stopSequences(List.of("x")).build();

		PiecesChatOptions options = PiecesChatOptions.fromOptions(portable);

		assertThat(options.getModel()).isEqualTo("m");
		assertThat(options.getTemperature()).isEqualTo(0.7);
		assertThat(options.getStopSequences()).containsExactly("x");
		assertThat(options.getConversationId()).isNull();
		PiecesChatOptions pieces = PiecesChatOptions.builder().conversationId("c").build();
		assertThat(PiecesChatOptions.fromOptions(pieces)).isSameAs(pieces);
	}

	@Test
	void blankValuesShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> PiecesChatOptions.builder().conversationId(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> PiecesChatOptions.builder().assetIds("a1", ""));
	}

	@Test
	void toStringShouldNameTheOptions() {
		assertThat(PiecesChatOptions.builder().model("m").build()).hasToString(
				"PiecesChatOptions[model=m, conversationId=new, assetIds=[], temperature=null, maxTokens=null]");
	}

}
