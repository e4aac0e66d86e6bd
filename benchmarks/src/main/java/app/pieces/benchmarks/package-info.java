/**
 * Benchmarks of the Pieces OS client and starter against the simulator: JMH for startup and
 * frame decoding, plain drivers for the scenarios, and the report writer.
 */
@org.jspecify.annotations.NullMarked
package app.pieces.benchmarks;
