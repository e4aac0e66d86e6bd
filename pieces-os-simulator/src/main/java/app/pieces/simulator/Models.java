package app.pieces.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.databind.JsonNode;

/**
 * The {@code Models} snapshot served by {@code GET /models}: a cloud {@code GPT-3.5-turbo Chat Model} (the
 * official Python SDK refuses to start without it), {@code GPT-4o Chat Model} and a local Llama model.
 */
final class Models {

	private static final JsonNode MODELS = load();

	private Models() {
	}

	static JsonNode json() {
		return MODELS.deepCopy();
	}

	/**
	 * Whether a model with that id is offered.
	 * @param id a model id
	 * @return {@code true} if {@code GET /models} lists it
	 */
	static boolean exists(String id) {
		for (JsonNode model : MODELS.get("iterable")) {
			if (id.equals(Json.text(model, "id"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The full {@code Model} object of an offered model.
	 * @param id a model id
	 * @return a copy of the model's JSON
	 * @throws IllegalArgumentException if no model has that id
	 */
	static JsonNode model(String id) {
		for (JsonNode model : MODELS.get("iterable")) {
			if (id.equals(Json.text(model, "id"))) {
				return model.deepCopy();
			}
		}
		throw new IllegalArgumentException("No model " + id);
	}

	private static JsonNode load() {
		try (InputStream in = Models.class.getResourceAsStream("models.json")) {
			if (in == null) {
				throw new IllegalStateException("models.json is missing from the simulator jar");
			}
			return Json.MAPPER.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
