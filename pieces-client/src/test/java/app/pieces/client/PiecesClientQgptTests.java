package app.pieces.client;

import java.time.Duration;
import java.util.List;

import app.pieces.model.QGPTQuestionAnswer;
import app.pieces.model.QGPTQuestionInput;
import app.pieces.model.QGPTQuestionOutput;
import app.pieces.model.QGPTRelevanceInput;
import app.pieces.model.QGPTRelevanceInputOptions;
import app.pieces.model.QGPTRelevanceOutput;
import app.pieces.model.RelevantQGPTSeed;
import app.pieces.model.RelevantQGPTSeeds;
import app.pieces.simulator.PiecesOsSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link PiecesClient#question(QGPTQuestionInput)} and {@link PiecesClient#relevance(QGPTRelevanceInput)}
 * against the simulator, whose answers come from the same script as its {@code /qgpt/stream}.
 */
class PiecesClientQgptTests {

	private static final String FIXTURE_QUESTION = "How do I add jitter to this retry helper?";

	private static final String SNAPSHOT_ASSET = "f5f080e2-45ea-4b2e-aaad-32990dd359a6";

	private static final String GPT_35 = "bba4842f-20b0-452b-b8c4-ecbbd52d2d5b";

	private static PiecesOsSimulator simulator;

	private static PiecesClient client;

	@BeforeAll
	static void start() {
		simulator = PiecesOsSimulator.builder().assets(10).healthInterval(Duration.ZERO).start();
		client = PiecesClient.builder().baseUrl(simulator.baseUrl()).build();
	}

	@AfterAll
	static void stop() {
		client.close();
		simulator.close();
	}

	@AfterEach
	void resetCopilot() {
		simulator.copilot().reset();
	}

	@Test
	void questionShouldReturnTheWholeScriptedAnswerWithItsScore() {
		QGPTQuestionOutput output = client.question(QGPTQuestionInput.of(FIXTURE_QUESTION, RelevantQGPTSeeds.none()));
		assertThat(output.answers().iterable()).hasSize(1);
		QGPTQuestionAnswer answer = output.answers().iterable().get(0);
		assertThat(answer.text()).isEqualTo(simulator.copilot().answerFor(FIXTURE_QUESTION))
			.startsWith("Add a random component to each sleep");
		assertThat(answer.score()).isEqualTo(simulator.copilot().scoreFor(FIXTURE_QUESTION)).isBetween(0.0, 1.0);
		assertThat(output.text()).isEqualTo(answer.text());
	}

	@Test
	void questionWithAKnownModelAndAnAssetAsContextShouldBeAnswered() {
		QGPTQuestionInput input = QGPTQuestionInput
			.of("What does this helper do?", RelevantQGPTSeeds.of(List.of(RelevantQGPTSeed.ofAsset(SNAPSHOT_ASSET))))
			.withModel(GPT_35);
		assertThat(client.question(input).text()).isEqualTo(simulator.copilot().answerFor("What does this helper do?"));
	}

	@Test
	void relevanceShouldReturnTheNamedAssetWithItsContentAndItsOutputShouldFeedAQuestion() {
		QGPTRelevanceOutput found = client
			.relevance(QGPTRelevanceInput.of(FIXTURE_QUESTION).withAssets(List.of(SNAPSHOT_ASSET)));
		assertThat(found.answer()).isNull();
		assertThat(found.relevant().iterable()).singleElement().satisfies((seed) -> {
			assertThat(seed.asset().id()).isEqualTo(SNAPSHOT_ASSET);
			String content = client.asset(SNAPSHOT_ASSET).original().reference().fragment().string().raw();
			assertThat(content).isNotEmpty();
			assertThat(seed.text()).hasValue(content);
		});
		QGPTQuestionOutput answer = client.question(QGPTQuestionInput.of("And with a cap?", found.relevant()));
		assertThat(answer.text()).isEqualTo(simulator.copilot().answerFor("And with a cap?"));
	}

	@Test
	void relevanceOverTheDatabaseWithTheQuestionOptionShouldFindMatchesAndAnswerInOneCall() {
		String query = "How do I debounce a callback?";
		QGPTRelevanceOutput output = client.relevance(QGPTRelevanceInput.of(query)
			.withOptions(new QGPTRelevanceInputOptions(true, true, null, null)));
		assertThat(output.relevant().iterable()).isNotEmpty();
		String best = output.relevant().iterable().get(0).asset().id();
		assertThat(client.asset(best).name()).isEqualTo("Debounce a callback");
		assertThat(output.answer()).isNotNull();
		assertThat(output.answer().text()).isEqualTo(simulator.copilot().answerFor(query));
	}

	@Test
	void questionWithAnUnknownModelShouldFailWithStatus400AndPiecesOsReason() {
		QGPTQuestionInput input = QGPTQuestionInput.of("Why?", RelevantQGPTSeeds.none()).withModel("no-such-model");
		assertThatExceptionOfType(PiecesApiException.class).isThrownBy(() -> client.question(input))
			.isNotInstanceOf(PiecesNotFoundException.class)
			.withMessageContaining("POST /qgpt/question failed with status 400")
			.withMessageContaining("Unknown model no-such-model")
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(400));
		assertThatExceptionOfType(PiecesApiException.class)
			.isThrownBy(() -> client.relevance(QGPTRelevanceInput.of("Why?").withModel("no-such-model")))
			.withMessageContaining("POST /qgpt/relevance failed with status 400: Unknown model no-such-model");
	}

	@Test
	void questionWithAContextPieceThatIsNeitherSeedNorIdShouldFailWithPiecesOsReason() {
		RelevantQGPTSeeds pathOnly = RelevantQGPTSeeds.of(List.of(new RelevantQGPTSeed(null, null, "/tmp/x", null,
				null, null)));
		assertThatExceptionOfType(PiecesApiException.class)
			.isThrownBy(() -> client.question(QGPTQuestionInput.of("Why?", pathOnly)))
			.withMessageContaining("status 400")
			.withMessageContaining("needs a seed or an id");
	}

	@Test
	void contextNamingAMissingAssetShouldBeNotFoundAndADeletedOneGone() {
		assertThatExceptionOfType(PiecesNotFoundException.class)
			.isThrownBy(() -> client.relevance(QGPTRelevanceInput.of("Why?").withAssets(List.of("no-such-asset"))))
			.withMessageContaining("POST /qgpt/relevance");
		String id = simulator.createAsset("Soon deleted", "print('bye')", "py");
		simulator.deleteAsset(id);
		assertThatExceptionOfType(PiecesGoneException.class).isThrownBy(() -> client
			.question(QGPTQuestionInput.of("Why?", RelevantQGPTSeeds.of(List.of(RelevantQGPTSeed.ofAsset(id))))));
	}

	@Test
	void questionRefusedByPiecesOsShouldCarryTheStatusAndTheErrorMessage() {
		simulator.copilot().failNext(401, "UserSubscriptionRequired");
		assertThatExceptionOfType(PiecesApiException.class)
			.isThrownBy(() -> client.question(QGPTQuestionInput.of("Why?", RelevantQGPTSeeds.none())))
			.withMessageContaining("status 401: UserSubscriptionRequired")
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(401));
		assertThat(client.question(QGPTQuestionInput.of("Why?", RelevantQGPTSeeds.none())).text()).isNotEmpty();
	}

	@Test
	void inputsPiecesOsWouldRejectShouldFailBeforeAnyRequest() {
		long before = simulator.restRequests("/qgpt/");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> client.question(QGPTQuestionInput.of(" ", RelevantQGPTSeeds.none())))
			.withMessageContaining("query");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> client.question(new QGPTQuestionInput("Why?", null, null, null, null, null)))
			.withMessageContaining("RelevantQGPTSeeds.none()");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> client.relevance(QGPTRelevanceInput.of("")))
			.withMessageContaining("query");
		assertThat(simulator.restRequests("/qgpt/")).isEqualTo(before);
	}

	@Test
	void questionShouldSendOneRequestPerCall() {
		long before = simulator.restRequests("/qgpt/question");
		client.question(QGPTQuestionInput.of("Once", RelevantQGPTSeeds.none()));
		client.relevance(QGPTRelevanceInput.of("Once"));
		assertThat(simulator.restRequests("/qgpt/question")).isEqualTo(before + 1);
	}

	@Test
	void questionAfterPiecesOsMovedToAnotherPortShouldRediscoverItAndBeAnswered() {
		int first = TestPorts.freeBlock(3);
		try (PiecesOsSimulator moving = PiecesOsSimulator.builder().port(first).healthInterval(Duration.ZERO).start();
				PiecesClient discovering = PiecesClient.builder()
					.portRange(first, first + 2)
					.portFiles(List.of())
					.legacyPorts(false)
					.build()) {
			assertThat(discovering.question(QGPTQuestionInput.of("Before", RelevantQGPTSeeds.none())).text())
				.isNotEmpty();
			moving.restart(Duration.ZERO, first + 2);
			await().atMost(Duration.ofSeconds(10)).until(() -> moving.isRunning() && moving.port() == first + 2);
			assertThat(discovering.question(QGPTQuestionInput.of("After", RelevantQGPTSeeds.none())).text())
				.isEqualTo(moving.copilot().answerFor("After"));
			assertThat(discovering.baseUri()).hasValueSatisfying((uri) -> assertThat(uri.getPort()).isEqualTo(first + 2));
			assertThat(discovering.relevance(QGPTRelevanceInput.of("After")).relevant().iterable()).isEmpty();
		}
	}

	@Test
	void callsToAPieceOsThatIsGoneShouldBeUnavailable() {
		int port = TestPorts.freeBlock(1);
		try (PiecesClient nowhere = PiecesClient.builder().baseUrl("http://127.0.0.1:" + port).build()) {
			assertThatExceptionOfType(PiecesUnavailableException.class)
				.isThrownBy(() -> nowhere.question(QGPTQuestionInput.of("Anyone?", RelevantQGPTSeeds.none())))
				.withMessageContaining("POST /qgpt/question");
			assertThatExceptionOfType(PiecesUnavailableException.class)
				.isThrownBy(() -> nowhere.relevance(QGPTRelevanceInput.of("Anyone?")));
		}
	}

}
