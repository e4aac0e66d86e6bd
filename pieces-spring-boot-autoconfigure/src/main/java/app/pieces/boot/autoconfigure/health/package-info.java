/**
 * Auto-configuration for the Pieces OS health indicator.
 */
@NullMarked
package app.pieces.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
