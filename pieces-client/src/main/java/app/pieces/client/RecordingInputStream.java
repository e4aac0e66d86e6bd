package app.pieces.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Keeps the bytes read through it from a mark on, so that the exact text of one JSON value can be sliced out by the
 * byte offsets the parser reports: the raw JSON of an item comes from the wire as it is, instead of being copied
 * into tokens and written out again. Holds one value plus the parser's read-ahead; {@link #discardBefore} drops
 * what came before the next value. Not thread-safe (one reader).
 */
final class RecordingInputStream extends FilterInputStream {

	private byte[] buffer = new byte[16 * 1024];

	/** The stream offset of {@code buffer[0]}. */
	private long base;

	private int length;

	RecordingInputStream(InputStream in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		int next = this.in.read();
		if (next >= 0) {
			ensure(1);
			this.buffer[this.length++] = (byte) next;
		}
		return next;
	}

	@Override
	public int read(byte[] target, int offset, int count) throws IOException {
		int read = this.in.read(target, offset, count);
		if (read > 0) {
			ensure(read);
			System.arraycopy(target, offset, this.buffer, this.length, read);
			this.length += read;
		}
		return read;
	}

	@Override
	public long skip(long count) throws IOException {
		// through read, so that skipped bytes are recorded too
		byte[] scratch = new byte[(int) Math.min(count, 8192)];
		long skipped = 0;
		while (skipped < count) {
			int read = read(scratch, 0, (int) Math.min(scratch.length, count - skipped));
			if (read < 0) {
				break;
			}
			skipped += read;
		}
		return skipped;
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	/**
	 * Forget the bytes before a stream offset.
	 * @param offset the offset of the first byte to keep
	 */
	void discardBefore(long offset) {
		int drop = (int) Math.min(Math.max(offset - this.base, 0), this.length);
		if (drop > 0) {
			System.arraycopy(this.buffer, drop, this.buffer, 0, this.length - drop);
			this.length -= drop;
			this.base += drop;
		}
	}

	/**
	 * Copy the bytes between two stream offsets.
	 * @param from the offset of the first byte
	 * @param to the offset after the last byte
	 * @return the bytes, or {@code null} if they are not (or no longer) recorded
	 */
	byte[] slice(long from, long to) {
		if (from < this.base || to > this.base + this.length || from > to) {
			return null;
		}
		return Arrays.copyOfRange(this.buffer, (int) (from - this.base), (int) (to - this.base));
	}

	private void ensure(int more) {
		if (this.length + more > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.length + more));
		}
	}

}
