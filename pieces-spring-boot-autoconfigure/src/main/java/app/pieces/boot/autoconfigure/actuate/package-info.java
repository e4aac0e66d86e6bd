/**
 * Auto-configuration of the Pieces Actuator endpoint.
 */
@NullMarked
package app.pieces.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
