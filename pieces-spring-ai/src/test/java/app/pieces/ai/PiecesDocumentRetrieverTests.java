package app.pieces.ai;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;

import app.pieces.client.PiecesClient;
import app.pieces.simulator.PiecesOsSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link PiecesDocumentRetriever} against the simulator's seeded snippets, alone and behind Spring AI's
 * {@link RetrievalAugmentationAdvisor} in front of a chat model that is not Pieces.
 */
class PiecesDocumentRetrieverTests {

	@RegisterExtension
	static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().healthInterval(Duration.ZERO)
		.build();

	private static PiecesClient client;

	@BeforeAll
	static void createClient() {
		client = PiecesClient.builder().baseUrl(pieces.simulator().baseUrl()).build();
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Test
	void fullTextSearchShouldReturnTheBestSnippetsWithTheirCodeAndMetadata() {
		List<Document> documents = PiecesDocumentRetriever.builder(client).topK(2).build()
			.retrieve(new Query("retry with exponential backoff"));
		assertThat(documents).hasSizeBetween(1, 2);
		Document best = documents.get(0);
		assertThat(best.getMetadata()).containsEntry(PiecesDocumentRetriever.NAME, "Retry with exponential backoff")
			.containsEntry(PiecesDocumentRetriever.LANGUAGE, "java")
			.containsEntry(PiecesDocumentRetriever.MODE, "fts")
			.containsEntry(PiecesDocumentRetriever.CLASSIFICATION, "CODE")
			.containsKey(PiecesDocumentRetriever.ASSET_ID);
		assertThat(best.getText()).contains("delay *= 2;");
		assertThat(best.getId()).isEqualTo(best.getMetadata().get(PiecesDocumentRetriever.ASSET_ID));
		assertThat(best.getScore()).isNotNull().isPositive();
		assertThat(documents).extracting(Document::getScore).isSortedAccordingTo((a, b) -> Double.compare(b, a));
	}

	@Test
	void thresholdShouldLeaveOutWeakerHitsAndUnmatchedQueriesFindNothing() {
		PiecesDocumentRetriever strict = PiecesDocumentRetriever.builder(client).similarityThreshold(1.0).build();
		assertThat(strict.retrieve(new Query("retry debounce"))).allSatisfy(
				(document) -> assertThat(document.getScore()).isEqualTo(1.0));
		assertThat(strict.retrieve(new Query("retry backoff"))).isNotEmpty();
		assertThat(strict.retrieve(new Query("zebra quantum origami"))).isEmpty();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PiecesDocumentRetriever.builder(client).similarityThreshold(1.5))
			.withMessageContaining("similarityThreshold");
		assertThatIllegalArgumentException().isThrownBy(() -> PiecesDocumentRetriever.builder(client).topK(0))
			.withMessageContaining("topK");
	}

	@Test
	void relevanceShouldRankTheLibraryWithoutScores() {
		List<Document> documents = PiecesDocumentRetriever.builder(client).mode(PiecesDocumentRetriever.Mode.RELEVANCE)
			.topK(3).build().retrieve(new Query("How do I debounce a callback in TypeScript?"));
		assertThat(documents).isNotEmpty().hasSizeLessThanOrEqualTo(3);
		assertThat(documents.get(0).getMetadata()).containsEntry(PiecesDocumentRetriever.NAME, "Debounce a callback");
		assertThat(documents).allSatisfy((document) -> assertThat(document.getScore()).isNull());
	}

	@Test
	void advisorShouldPutTheSnippetsIntoThePromptOfAnotherChatModel() {
		ScriptedChatModel model = new ScriptedChatModel();
		ChatClient chat = ChatClient.builder(model)
			.defaultAdvisors(RetrievalAugmentationAdvisor.builder()
				.documentRetriever(PiecesDocumentRetriever.builder(client).topK(1).build())
				.build())
			.build();
		String answer = chat.prompt().user("How does our retry with exponential backoff work?").call().content();
		assertThat(answer).isEqualTo("answer 1");
		assertThat(model.lastPromptText()).contains("How does our retry with exponential backoff work?")
			.contains("delay *= 2;");
	}

	@Test
	void unreachablePiecesOsShouldFailClearlyOrYieldNothingAsConfigured() {
		try (PiecesClient away = PiecesClient.builder().baseUrl("http://127.0.0.1:1").build()) {
			assertThatExceptionOfType(PiecesRetrievalException.class)
				.isThrownBy(() -> PiecesDocumentRetriever.builder(away).build().retrieve(new Query("retry")))
				.withMessageContaining("Pieces OS could not retrieve snippets")
				.satisfies((ex) -> assertThat(ex.isTransient()).isTrue());
			assertThat(PiecesDocumentRetriever.builder(away).emptyWhenUnavailable(true).build()
				.retrieve(new Query("retry"))).isEmpty();
		}
	}

}
