/**
 * Tests of the sample application against its embedded Pieces OS simulator.
 */
@NullMarked
package app.pieces.sample;

import org.jspecify.annotations.NullMarked;
