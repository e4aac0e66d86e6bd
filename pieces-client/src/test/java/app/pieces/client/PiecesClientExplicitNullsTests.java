package app.pieces.client;

import java.time.Duration;

import app.pieces.model.Asset;
import app.pieces.model.Conversation;
import app.pieces.simulator.PiecesOsSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * REST decoding against a simulator that writes explicit {@code null}s for every unset field, as the real
 * (Dart) Pieces OS does.
 */
class PiecesClientExplicitNullsTests {

	private static PiecesOsSimulator simulator;

	private static PiecesClient client;

	@BeforeAll
	static void start() {
		simulator = PiecesOsSimulator.builder().explicitNulls(true).healthInterval(Duration.ZERO).start();
		client = PiecesClient.builder().baseUrl(simulator.baseUrl()).build();
	}

	@AfterAll
	static void stop() {
		client.close();
		simulator.close();
	}

	@Test
	void everySnapshotShouldDecodeWhenUnsetFieldsAreExplicitNulls() {
		assertThat(client.connect().application().id()).isNotBlank();
		assertThat(client.user()).isPresent();
		assertThat(client.models().findByName("GPT-3.5-turbo Chat Model")).isPresent();
		Asset asset = client.asset("f5f080e2-45ea-4b2e-aaad-32990dd359a6");
		assertThat(asset.name()).isEqualTo("Retry with exponential backoff");
		assertThat(asset.language()).isEqualTo("java");
		assertThat(asset.text()).contains("Callable<T> op");
		assertThat(asset.updatedAt()).isNotNull();
		Conversation conversation = client.conversation("e671234d-be69-49c0-9900-e8fae48d24b9");
		assertThat(conversation.messageIds()).hasSize(2);
		assertThat(conversation.updatedAt()).isNotNull();
	}

	@Test
	void explicitNullsShouldReadLikeAbsentFields() {
		String id = simulator.createAsset("Nulls", "x = 1", "py");
		Asset asset = client.asset(id);
		assertThat(asset.raw().toString()).contains("null");
		assertThat(asset.name()).isEqualTo("Nulls");
		assertThat(asset.text()).isEqualTo("x = 1");
	}

}
