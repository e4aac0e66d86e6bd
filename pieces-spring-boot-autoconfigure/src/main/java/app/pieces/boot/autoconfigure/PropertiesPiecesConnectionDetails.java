package app.pieces.boot.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * {@link PiecesConnectionDetails} from {@code pieces.base-url} (validated before).
 */
final class PropertiesPiecesConnectionDetails implements PiecesConnectionDetails {

	private final PiecesProperties properties;

	PropertiesPiecesConnectionDetails(PiecesProperties properties) {
		this.properties = properties;
	}

	@Override
	public @Nullable URI getBaseUrl() {
		String baseUrl = this.properties.getBaseUrl();
		return (baseUrl != null) ? URI.create(baseUrl.trim()) : null;
	}

}
