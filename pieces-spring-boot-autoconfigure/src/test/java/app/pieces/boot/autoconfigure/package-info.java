/**
 * Tests.
 */
@NullMarked
package app.pieces.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
