/**
 * Live updates: the starter's events and callbacks turned into server-sent events for the page.
 */
@NullMarked
package app.pieces.sample.live;

import org.jspecify.annotations.NullMarked;
