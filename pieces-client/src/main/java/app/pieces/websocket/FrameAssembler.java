package app.pieces.websocket;

/**
 * Assembles the (possibly partial) messages of one connection into complete text frames, on the websocket I/O
 * thread: a text message above the size limit is counted, not buffered, and rejected once complete; binary
 * messages are not part of the protocol and are rejected.
 */
final class FrameAssembler {

	/** A buffer grown beyond this by a large frame is trimmed again afterwards. */
	private static final int KEPT_CAPACITY = 64 * 1024;

	/**
	 * Where complete frames go.
	 */
	interface Frames {

		void text(String text);

		void rejected(FrameOutcome outcome, String detail);

	}

	private final int limit;

	private final Frames frames;

	private final StringBuilder text = new StringBuilder();

	private long textBytes;

	private boolean oversized;

	FrameAssembler(int limit, Frames frames) {
		this.limit = limit;
		this.frames = frames;
	}

	void binary(boolean last) {
		if (last) {
			this.frames.rejected(FrameOutcome.BINARY_REJECTED, "binary frames are not part of the protocol");
		}
	}

	void text(String chunk, boolean last) {
		if (!this.oversized) {
			this.textBytes += utf8Length(chunk);
			if (this.textBytes > this.limit) {
				this.oversized = true;
				this.text.setLength(0);
				this.text.trimToSize();
			}
			else if (!last || this.text.length() > 0) {
				this.text.append(chunk);
			}
		}
		else {
			this.textBytes += chunk.length();
		}
		if (last) {
			if (this.oversized) {
				this.frames.rejected(FrameOutcome.OVERSIZED, "message of at least " + this.textBytes
						+ " bytes exceeds the limit of " + this.limit + " bytes");
			}
			else {
				this.frames.text((this.text.length() > 0) ? this.text.toString() : chunk);
			}
			this.text.setLength(0);
			if (this.text.capacity() > KEPT_CAPACITY) {
				this.text.trimToSize();
			}
			this.textBytes = 0;
			this.oversized = false;
		}
	}

	static int utf8Length(CharSequence text) {
		int length = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				length++;
			}
			else if (c < 0x800 || Character.isSurrogate(c)) {
				length += 2;
			}
			else {
				length += 3;
			}
		}
		return length;
	}

}
