/**
 * Auto-configuration for Pieces OS: the client, one bean per websocket, the lifecycle that opens
 * and closes the streams, and {@link app.pieces.boot.autoconfigure.PiecesProperties}.
 */
@NullMarked
package app.pieces.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
