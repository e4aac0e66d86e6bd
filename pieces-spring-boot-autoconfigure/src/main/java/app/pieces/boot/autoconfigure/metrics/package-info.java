/**
 * Auto-configuration for the Pieces OS meter binder.
 */
@NullMarked
package app.pieces.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
