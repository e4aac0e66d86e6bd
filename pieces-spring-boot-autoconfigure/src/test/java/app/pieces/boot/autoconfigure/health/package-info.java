/**
 * Tests.
 */
@NullMarked
package app.pieces.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
