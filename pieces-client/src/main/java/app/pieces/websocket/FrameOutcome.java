package app.pieces.websocket;

/**
 * What happened to one received frame; a low-cardinality value suitable as a metric tag.
 *
 * @author Pieces starter team
 * @see ClientEvent.FrameHandled
 */
public enum FrameOutcome {

	/**
	 * Decoded and delivered to listeners.
	 */
	PROCESSED,

	/**
	 * Not decodable (invalid JSON, wrong shape, an item without its reference, an unknown
	 * enum value); dropped with one log line and an error callback.
	 */
	MALFORMED,

	/**
	 * Larger than {@link WebsocketSettings#maxTextMessageSize()}; discarded without being
	 * buffered further.
	 */
	OVERSIZED,

	/**
	 * A binary frame; Pieces OS only sends text frames.
	 */
	BINARY_REJECTED;

	/**
	 * Return the lower-case tag name of this outcome, e.g. {@code binary_rejected}.
	 * @return the tag name
	 */
	public String tag() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
