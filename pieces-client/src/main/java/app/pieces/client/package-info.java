/**
 * The framework-light Pieces OS client: port discovery, version check, registration and the REST calls the
 * websockets and caches need ({@link app.pieces.client.PiecesClient}), with typed exceptions rooted at
 * {@link app.pieces.client.PiecesException}.
 */
@NullMarked
package app.pieces.client;

import org.jspecify.annotations.NullMarked;
