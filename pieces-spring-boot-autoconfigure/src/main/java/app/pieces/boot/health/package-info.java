/**
 * Actuator health indicator for Pieces OS.
 */
@NullMarked
package app.pieces.boot.health;

import org.jspecify.annotations.NullMarked;
