package app.pieces.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the protocol fixtures from the test class path.
 */
final class Fixtures {

	private Fixtures() {
	}

	static String read(String name) {
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

}
