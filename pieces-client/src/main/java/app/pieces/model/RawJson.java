package app.pieces.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.util.TokenBuffer;

/**
 * The UTF-8 JSON text an object was decoded from (as Pieces OS sent it, or written compactly), kept so that callers
 * can reach fields the records do not model.
 * <p>
 * Stored as bytes rather than a {@link JsonNode} tree: a tree costs several times the size of its text, which
 * matters for a cache of tens of thousands of assets. Texts above {@value #COMPRESSION_THRESHOLD} bytes are kept
 * deflated when that saves at least a quarter (asset JSON repeats its content in several places and typically
 * shrinks to a fifth): at once ({@link #ofUtf8}), or later ({@link #uncompressed} then {@link #compact()}), so that a
 * reader of many items can leave the deflating to other threads. Thread-safe: a reader sees the text in either
 * form. The tree is parsed again on every call to {@link #toJsonNode()}; callers that need it
 * repeatedly should keep the result.
 */
public final class RawJson {

	/**
	 * Size in bytes above which the text is stored deflated.
	 */
	public static final int COMPRESSION_THRESHOLD = 1024;

	private static final int MAX_POOLED_DEFLATERS = 4;

	private static final Queue<Deflater> DEFLATERS = new ConcurrentLinkedQueue<>();

	/** The text as it is ({@code length == size}) or deflated (shorter: kept only when that saves a quarter). */
	private volatile byte[] data;

	private final int size;

	/** The hash of the text (not of its stored form, which {@link #compact()} may change); 0 until computed. */
	private int hash;

	private volatile boolean compactTried;

	private RawJson(byte[] data, int size) {
		this.data = data;
		this.size = size;
	}

	/**
	 * Create an instance from JSON text.
	 * @param json the JSON text
	 * @return the raw JSON
	 */
	public static RawJson of(String json) {
		return ofUtf8(json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Create an instance from buffered tokens, written in their compact form.
	 * @param tokens the tokens of one JSON value
	 * @param factory the factory of the generator that writes them
	 * @return the raw JSON
	 */
	static RawJson of(TokenBuffer tokens, TokenStreamFactory factory) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
		try (JsonGenerator generator = factory.createGenerator(ObjectWriteContext.empty(), out)) {
			tokens.serialize(generator);
		}
		return ofUtf8(out.toByteArray());
	}

	/**
	 * Create an instance from the UTF-8 bytes of JSON text (kept, not copied: the caller must not change them).
	 * @param utf8 the JSON text as UTF-8
	 * @return the raw JSON
	 */
	public static RawJson ofUtf8(byte[] utf8) {
		RawJson raw = uncompressed(utf8);
		raw.compact();
		return raw;
	}

	/**
	 * Create an instance that keeps the UTF-8 bytes of JSON text as they are until {@link #compact()} (kept, not
	 * copied: the caller must not change them).
	 * @param utf8 the JSON text as UTF-8
	 * @return the raw JSON
	 */
	public static RawJson uncompressed(byte[] utf8) {
		return new RawJson(utf8, utf8.length);
	}

	/**
	 * Store the text deflated if it is above {@value #COMPRESSION_THRESHOLD} bytes and shrinks by at least a
	 * quarter; nothing if it is stored deflated already or was found not to shrink before. Safe to call from any
	 * thread, also while others read the text.
	 * @return whether the text is stored deflated now
	 */
	public boolean compact() {
		byte[] current = this.data;
		if (current.length != this.size) {
			return true;
		}
		if (this.size <= COMPRESSION_THRESHOLD || this.compactTried) {
			return false;
		}
		byte[] deflated = deflate(current, this.size - this.size / 4);
		this.compactTried = true;
		if (deflated == null) {
			return false;
		}
		this.data = deflated;
		return true;
	}

	/**
	 * Create an instance from a tree, stored in its compact form.
	 * @param node the tree
	 * @return the raw JSON
	 */
	public static RawJson of(JsonNode node) {
		return of(node.toString());
	}

	/**
	 * Parse the stored JSON into a new tree.
	 * @return a fresh tree (changes to it do not affect this instance)
	 */
	public JsonNode toJsonNode() {
		return PiecesJson.mapper().readTree(utf8());
	}

	/**
	 * Return the stored JSON text.
	 * @return the compact JSON text
	 */
	public String json() {
		return new String(utf8(), StandardCharsets.UTF_8);
	}

	/**
	 * Return the size of the stored JSON text.
	 * @return the number of UTF-8 bytes
	 */
	public int size() {
		return this.size;
	}

	/**
	 * Return the number of bytes this instance keeps in memory for the text (less than {@link #size()} when
	 * stored deflated).
	 * @return the stored size in bytes
	 */
	public int storedSize() {
		return this.data.length;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof RawJson that) || this.size != that.size) {
			return false;
		}
		byte[] mine = this.data;
		byte[] theirs = that.data;
		if ((mine.length == this.size) == (theirs.length == this.size)) {
			// the same form: deflating is deterministic, so equal texts have equal bytes
			return Arrays.equals(mine, theirs);
		}
		return Arrays.equals(utf8(mine), utf8(theirs));
	}

	@Override
	public int hashCode() {
		int h = this.hash;
		if (h == 0) {
			h = Arrays.hashCode(utf8());
			this.hash = h;
		}
		return h;
	}

	/**
	 * Return a short description that never includes the JSON content (it may carry personal data).
	 * @return a description with the size only
	 */
	@Override
	public String toString() {
		return "RawJson[" + this.size + " bytes]";
	}

	private byte[] utf8() {
		return utf8(this.data);
	}

	private byte[] utf8(byte[] stored) {
		if (stored.length == this.size) {
			return stored;
		}
		Inflater inflater = new Inflater(true);
		try {
			inflater.setInput(stored);
			byte[] utf8 = new byte[this.size];
			int read = 0;
			while (read < utf8.length) {
				int count = inflater.inflate(utf8, read, utf8.length - read);
				if (count == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
					break;
				}
				read += count;
			}
			if (read != utf8.length) {
				throw new IllegalStateException("Raw JSON is corrupt: " + read + " of " + utf8.length + " bytes");
			}
			return utf8;
		}
		catch (DataFormatException ex) {
			throw new IllegalStateException("Raw JSON is corrupt", ex);
		}
		finally {
			inflater.end();
		}
	}

	/**
	 * Deflate the text into at most {@code limit} bytes, or return {@code null} if it does not fit (then the
	 * work stops there, and the text is kept as it is).
	 */
	private static byte @Nullable [] deflate(byte[] utf8, int limit) {
		Deflater deflater = DEFLATERS.poll();
		if (deflater == null) {
			deflater = new Deflater(Deflater.BEST_SPEED, true);
		}
		try {
			deflater.setInput(utf8);
			deflater.finish();
			byte[] out = new byte[limit];
			int length = 0;
			while (!deflater.finished() && length < limit) {
				length += deflater.deflate(out, length, limit - length);
			}
			return deflater.finished() ? Arrays.copyOf(out, length) : null;
		}
		finally {
			deflater.reset();
			// a few kept for reuse: setting one up costs more than deflating a small asset
			if (DEFLATERS.size() < MAX_POOLED_DEFLATERS) {
				DEFLATERS.offer(deflater);
			}
			else {
				deflater.end();
			}
		}
	}

}
