/**
 * Sample application: the Pieces OS Spring Boot starter at work.
 */
@NullMarked
package app.pieces.sample;

import org.jspecify.annotations.NullMarked;
