package app.pieces.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tools.jackson.databind.JsonNode;

/**
 * The compact UTF-8 JSON text an object was decoded from, kept so that callers can reach fields the records do
 * not model.
 * <p>
 * Stored as a byte array rather than a {@link JsonNode} tree: a tree costs several times the size of its text,
 * which matters for a cache of tens of thousands of assets. The tree is parsed again on every call to
 * {@link #toJsonNode()}; callers that need it repeatedly should keep the result.
 */
public final class RawJson {

	private final byte[] utf8;

	private RawJson(byte[] utf8) {
		this.utf8 = utf8;
	}

	/**
	 * Create an instance from JSON text.
	 * @param json the JSON text
	 * @return the raw JSON
	 */
	public static RawJson of(String json) {
		return new RawJson(json.getBytes(StandardCharsets.UTF_8));
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
		return PiecesJson.mapper().readTree(this.utf8);
	}

	/**
	 * Return the stored JSON text.
	 * @return the compact JSON text
	 */
	public String json() {
		return new String(this.utf8, StandardCharsets.UTF_8);
	}

	/**
	 * Return the size of the stored JSON text.
	 * @return the number of UTF-8 bytes
	 */
	public int size() {
		return this.utf8.length;
	}

	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof RawJson that && Arrays.equals(this.utf8, that.utf8));
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.utf8);
	}

	/**
	 * Return a short description that never includes the JSON content (it may carry personal data).
	 * @return a description with the size only
	 */
	@Override
	public String toString() {
		return "RawJson[" + this.utf8.length + " bytes]";
	}

}
