package app.pieces.boot.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the auto-configured {@code PiecesClient} finds Pieces OS. The default implementation reads
 * {@code pieces.base-url}; a bean of this type replaces it, as Boot's own connection details do: a test kit that
 * starts a Pieces OS simulator ({@code @AutoConfigurePiecesOsSimulator}), or an application that runs one.
 *
 * @since 0.1.0
 */
public interface PiecesConnectionDetails extends ConnectionDetails {

	/**
	 * Return the base URL of Pieces OS, e.g. {@code http://127.0.0.1:39300}.
	 * @return the base URL, or {@code null} to find Pieces OS by discovery (port files, then the port range)
	 */
	@Nullable URI getBaseUrl();

}
