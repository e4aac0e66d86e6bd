/**
 * Tests.
 */
@NullMarked
package app.pieces.boot.event;

import org.jspecify.annotations.NullMarked;
