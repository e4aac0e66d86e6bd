/**
 * Tests.
 */
@NullMarked
package app.pieces.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
