/**
 * Spring {@link org.springframework.context.ApplicationEvent application events} published for
 * every frame, cache change and connection change of the Pieces OS websockets.
 */
@NullMarked
package app.pieces.boot.event;

import org.jspecify.annotations.NullMarked;
