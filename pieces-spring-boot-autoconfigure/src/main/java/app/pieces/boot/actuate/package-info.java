/**
 * The Pieces Actuator endpoint.
 */
@NullMarked
package app.pieces.boot.actuate;

import org.jspecify.annotations.NullMarked;
