/**
 * Tests.
 */
@NullMarked
package app.pieces.boot.integration;

import org.jspecify.annotations.NullMarked;
