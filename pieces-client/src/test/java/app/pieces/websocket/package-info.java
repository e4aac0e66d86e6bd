/**
 * Tests of the websockets against the Pieces OS simulator.
 */
@NullMarked
package app.pieces.websocket;

import org.jspecify.annotations.NullMarked;
