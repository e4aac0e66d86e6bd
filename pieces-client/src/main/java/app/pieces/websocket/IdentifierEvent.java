package app.pieces.websocket;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One item of an identifier frame as a cache sees it.
 *
 * @param id the object id
 * @param deleted whether the object was deleted
 * @param updated the object's update time if the frame carries it, used to skip re-fetching
 * an object the cache already holds in that version
 * @author Pieces starter team
 */
record IdentifierEvent(String id, boolean deleted, @Nullable Instant updated) {

}
