/**
 * Test support: a Pieces OS simulator for Spring Boot tests ({@link app.pieces.boot.test.AutoConfigurePiecesOsSimulator}).
 */
@NullMarked
package app.pieces.boot.test;

import org.jspecify.annotations.NullMarked;
