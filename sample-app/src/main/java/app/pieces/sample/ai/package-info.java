/**
 * The sample's Spring AI section: {@code ChatClient} on top of the auto-configured Pieces Copilot chat model.
 */
@NullMarked
package app.pieces.sample.ai;

import org.jspecify.annotations.NullMarked;
