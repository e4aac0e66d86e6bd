package app.pieces.websocket;

/**
 * Decides, tick by tick of the ping timer, whether a connection is still alive. A connection
 * is declared dead only after {@link #MISSED_INTERVALS} intervals in a row passed without any
 * incoming message (PONG or frame): one missed interval can be a garbage collection pause or a
 * busy machine, two in a row are a Pieces OS that stopped answering. Confined to the timer
 * thread.
 *
 * @author Pieces starter team
 */
final class LivenessCheck {

	/**
	 * How many ping intervals in a row may pass without an answer before the connection is
	 * declared dead.
	 */
	static final int MISSED_INTERVALS = 2;

	// -1 = no ping sent yet
	private long receivedAtLastTick = -1;

	private int missed;

	/**
	 * Record one tick of the ping timer.
	 * @param received how many messages the connection has received so far
	 * @return {@code true} if the connection is still considered alive (send the next PING),
	 * {@code false} if it is dead
	 */
	boolean tick(long received) {
		boolean answered = this.receivedAtLastTick < 0 || received != this.receivedAtLastTick;
		this.receivedAtLastTick = received;
		this.missed = answered ? 0 : this.missed + 1;
		return this.missed < MISSED_INTERVALS;
	}

}
