package app.pieces.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import app.pieces.model.PiecesJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PiecesClientBuilderTests {

	@Test
	void defaultPortFilesShouldCoverMacOsAndWindowsLinuxForProductionAndDebug() {
		Path home = Path.of(System.getProperty("user.home"));
		assertThat(PiecesClientBuilder.defaultPortFiles()).containsExactly(
				home.resolve("Library/com.pieces.os/production/Config/.port.txt"),
				home.resolve("Documents/com.pieces.os/production/Config/.port.txt"),
				home.resolve("Library/com.pieces.os/debug/Config/.port.txt"),
				home.resolve("Documents/com.pieces.os/debug/Config/.port.txt"));
	}

	@Test
	void baseUrlShouldDropTrailingSlashes() {
		try (PiecesClient client = PiecesClient.builder().baseUrl("http://127.0.0.1:39301//").build()) {
			assertThat(client.baseUri()).contains(URI.create("http://127.0.0.1:39301"));
		}
	}

	@Test
	void baseUrlThatIsNotAnAbsoluteHttpUrlShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> PiecesClient.builder().baseUrl("ws://127.0.0.1:1"));
		assertThatIllegalArgumentException().isThrownBy(() -> PiecesClient.builder().baseUrl("/relative"));
	}

	@Test
	void invalidSettingsShouldBeRejectedWhenSet() {
		PiecesClientBuilder builder = PiecesClient.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.portRange(39333, 39300));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.portRange(0, 10));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.connectTimeout(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.readTimeout(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.probeTimeout(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.supportedVersions("13.0.0", "12.0.0"))
			.withMessageContaining("Empty version range");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.supportedVersions("twelve", "13.0.0"));
	}

	@Test
	void customJsonMapperShouldBeUsed() {
		JsonMapper mapper = PiecesJson.builder().build();
		try (PiecesClient client = PiecesClient.builder().jsonMapper(mapper).portFiles(List.of()).build()) {
			assertThat(client.jsonMapper()).isSameAs(mapper);
		}
	}

}
