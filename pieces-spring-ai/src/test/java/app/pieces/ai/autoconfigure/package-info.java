/**
 * Tests of the Pieces Copilot Spring AI chat model auto-configuration.
 */
@NullMarked
package app.pieces.ai.autoconfigure;

import org.jspecify.annotations.NullMarked;
