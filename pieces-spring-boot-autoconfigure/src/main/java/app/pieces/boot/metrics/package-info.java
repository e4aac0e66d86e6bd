/**
 * Micrometer meters for the Pieces OS websockets and caches.
 */
@NullMarked
package app.pieces.boot.metrics;

import org.jspecify.annotations.NullMarked;
