/**
 * Tests of the sample's Spring AI section.
 */
@NullMarked
package app.pieces.sample.ai;

import org.jspecify.annotations.NullMarked;
