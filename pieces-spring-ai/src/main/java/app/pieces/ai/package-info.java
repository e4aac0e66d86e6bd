/**
 * Pieces Copilot as a Spring AI chat model: {@link app.pieces.ai.PiecesChatModel} (a {@code ChatModel} and
 * {@code StreamingChatModel} on top of {@link app.pieces.copilot.PiecesCopilot}) and its options,
 * {@link app.pieces.ai.PiecesChatOptions}. This package needs no Spring Boot.
 */
@NullMarked
package app.pieces.ai;

import org.jspecify.annotations.NullMarked;
