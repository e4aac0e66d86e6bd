package app.pieces.boot.autoconfigure;

import app.pieces.client.PiecesClient;
import app.pieces.client.PiecesClientBuilder;

/**
 * Callback to customize the auto-configured {@link PiecesClient} before it is built, without
 * replacing it. Customizers run in {@link org.springframework.core.Ordered order}, after the
 * {@code pieces.*} properties have been applied.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PiecesClientCustomizer {

	/**
	 * Customize the client builder.
	 * @param builder the builder, already configured from {@link PiecesProperties}
	 */
	void customize(PiecesClientBuilder builder);

}
