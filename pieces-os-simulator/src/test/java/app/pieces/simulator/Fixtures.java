package app.pieces.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Reads the wire fixtures from {@code src/test/resources/fixtures}.
 */
final class Fixtures {

	private Fixtures() {
	}

	static String text(String name) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static JsonNode json(String name) {
		return Json.parse(text(name));
	}

	static List<JsonNode> jsonLines(String name) {
		return text(name).lines().filter((line) -> !line.isBlank()).map(Json::parse).toList();
	}

}
