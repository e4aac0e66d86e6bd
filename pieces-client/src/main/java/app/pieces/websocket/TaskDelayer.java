package app.pieces.websocket;

import java.time.Duration;

/**
 * Runs a task once after a delay, on a scheduler the caller owns (the websocket manager's
 * timer thread). Implementations must not block and may drop the task if the scheduler has
 * been shut down.
 *
 * @author Pieces starter team
 */
@FunctionalInterface
interface TaskDelayer {

	/**
	 * Run the task after the delay.
	 * @param task the task
	 * @param delay the delay
	 */
	void schedule(Runnable task, Duration delay);

}
