/**
 * Tests of the Pieces Copilot Spring AI chat model.
 */
@NullMarked
package app.pieces.ai;

import org.jspecify.annotations.NullMarked;
