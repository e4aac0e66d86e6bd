/**
 * Self-healing identifier caches fed by the assets and conversations identifier streams: the
 * first frame after every connect is authoritative, later frames are deltas, snapshots are
 * fetched over REST with bounded parallelism.
 */
@NullMarked
package app.pieces.cache;

import org.jspecify.annotations.NullMarked;
