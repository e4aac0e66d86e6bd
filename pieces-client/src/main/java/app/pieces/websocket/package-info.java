/**
 * The five Pieces OS websockets (health, user, assets, conversations, copilot), their
 * {@link app.pieces.websocket.PiecesWebsocketManager manager}, reconnect and threading.
 * <p>
 * Threading model: the Tomcat I/O thread only assembles (possibly partial) text frames and
 * hands them off; every socket owns a serial executor that decodes frames and calls its
 * listeners in order, so a slow listener of one socket never stalls another socket. Timers
 * (reconnect backoff, fetch retries) run on the manager's single daemon scheduler; no thread
 * ever sleeps waiting for a reconnect.
 * <p>
 * Identifier streams (assets, conversations) are one implementation configured by an
 * {@link app.pieces.websocket.IdentifierStream IdentifierStream} descriptor, each with a self-healing
 * {@link app.pieces.websocket.IdentifierCache IdentifierCache}: the first frame after every connect is
 * authoritative, later frames are deltas, items are fetched over REST with bounded parallelism.
 */
@NullMarked
package app.pieces.websocket;

import org.jspecify.annotations.NullMarked;
