/**
 * The {@code simulator} profile: an embedded Pieces OS simulator the sample connects to.
 */
@NullMarked
package app.pieces.sample.simulator;

import org.jspecify.annotations.NullMarked;
