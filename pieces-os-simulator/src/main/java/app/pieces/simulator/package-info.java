/**
 * An in-process fake Pieces OS: REST and websockets on loopback, seeded demo data, scripted copilot
 * answers and an HTTP control plane, for tests, samples and demos.
 * <p>
 * Entry points: {@link app.pieces.simulator.PiecesOsSimulator} (Java API),
 * {@link app.pieces.simulator.PiecesOsSimulatorExtension} (JUnit 5) and
 * {@link app.pieces.simulator.PiecesOsSimulatorMain} (runnable jar).
 */
@NullMarked
package app.pieces.simulator;

import org.jspecify.annotations.NullMarked;
