/**
 * The copilot API: ask Pieces OS questions over the {@code /qgpt/stream} websocket and receive streamed
 * answers.
 * <p>
 * {@link app.pieces.copilot.PiecesCopilot} is the entry point. Every question gets its own {@code request}
 * id, so any number of questions can be in flight on one socket at the same time; their frames are routed
 * to the right {@link app.pieces.copilot.CopilotAnswer} by that id (falling back to the conversation id for
 * servers that omit it). An answer is a handle with a chunk listener, futures for the full text and the
 * final frame, a {@link java.util.concurrent.Flow.Publisher} of chunks and {@code stop()}.
 * <p>
 * Micrometer observations ({@code pieces.copilot.ask}) are recorded when an
 * {@code io.micrometer.observation.ObservationRegistry} is given; Micrometer is an optional dependency.
 * {@link app.pieces.copilot.ReactorCopilot} adapts answers to Reactor and is the only class of this
 * package that needs {@code reactor-core}, which is optional as well.
 */
@NullMarked
package app.pieces.copilot;

import org.jspecify.annotations.NullMarked;
