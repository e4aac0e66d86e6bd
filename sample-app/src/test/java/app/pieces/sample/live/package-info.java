/**
 * Tests of the live feed's server-sent-events plumbing.
 */
@NullMarked
package app.pieces.sample.live;

import org.jspecify.annotations.NullMarked;
