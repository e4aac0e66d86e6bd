/**
 * Tests of the identifier caches.
 */
@NullMarked
package app.pieces.cache;

import org.jspecify.annotations.NullMarked;
