/**
 * Wire models of the Pieces OS REST and websocket protocol, as Java records decoded with Jackson 3.
 * <p>
 * Every component carries an explicit {@code @JsonProperty} wire name (the protocol mixes camelCase and
 * snake_case), unknown fields are ignored, {@code null} and an absent field mean the same thing and an
 * unknown enum value decodes to {@code UNKNOWN}. Decode with the mapper from {@link app.pieces.model.PiecesJson}.
 */
@NullMarked
package app.pieces.model;

import org.jspecify.annotations.NullMarked;
