/**
 * Tests of the wire models.
 */
@NullMarked
package app.pieces.model;

import org.jspecify.annotations.NullMarked;
