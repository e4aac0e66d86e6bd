/**
 * Pieces OS's MCP tools for any Spring AI chat model: {@link app.pieces.ai.mcp.PiecesMcpToolCallbackProvider},
 * whose session, opened with the official MCP Java SDK, follows Pieces OS across restarts and port moves.
 */
@NullMarked
package app.pieces.ai.mcp;

import org.jspecify.annotations.NullMarked;
