/**
 * Tests of the documentation's examples.
 */
@NullMarked
package app.pieces;

import org.jspecify.annotations.NullMarked;
