/**
 * Reliability suite: the starter against a misbehaving, restarting Pieces OS simulator.
 */
@org.jspecify.annotations.NullMarked
package app.pieces.reliability;
