/**
 * Auto-configuration of the Pieces Copilot Spring AI chat model: registers a
 * {@link app.pieces.ai.PiecesChatModel} when Spring AI is on the class path, configured by the
 * {@code pieces.ai.chat.*} properties.
 */
@NullMarked
package app.pieces.ai.autoconfigure;

import org.jspecify.annotations.NullMarked;
