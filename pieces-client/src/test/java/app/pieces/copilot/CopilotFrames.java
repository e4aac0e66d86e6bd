package app.pieces.copilot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import app.pieces.model.PiecesJson;
import app.pieces.model.QGPTStreamOutput;

/**
 * Decodes the protocol fixtures (and hand-written frames) into {@link QGPTStreamOutput}s for unit tests.
 */
final class CopilotFrames {

	private CopilotFrames() {
	}

	static String fixture(String name) {
		try (InputStream in = CopilotFrames.class.getResourceAsStream("/fixtures/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static QGPTStreamOutput frame(String json) {
		return PiecesJson.mapper().readValue(json, QGPTStreamOutput.class);
	}

	static List<QGPTStreamOutput> sequenceFixture() {
		return fixture("qgpt-stream-output-sequence.jsonl").lines()
			.filter((line) -> !line.isBlank())
			.map(CopilotFrames::frame)
			.toList();
	}

	static QGPTStreamOutput chunk(String request, String conversation, String text) {
		return frame("{\"request\":" + quoted(request) + ",\"conversation\":\"" + conversation
				+ "\",\"status\":\"IN-PROGRESS\",\"question\":{\"answers\":{\"iterable\":[{\"score\":0,\"text\":\"" + text
				+ "\"}]}}}");
	}

	static QGPTStreamOutput status(String request, String conversation, String status) {
		return frame("{\"request\":" + quoted(request) + ",\"conversation\":\"" + conversation + "\",\"status\":\""
				+ status + "\",\"statusCode\":200}");
	}

	private static String quoted(String request) {
		return (request != null) ? "\"" + request + "\"" : "null";
	}

}
