/**
 * Tests of the Pieces client against the Pieces OS simulator.
 */
@NullMarked
package app.pieces.client;

import org.jspecify.annotations.NullMarked;
