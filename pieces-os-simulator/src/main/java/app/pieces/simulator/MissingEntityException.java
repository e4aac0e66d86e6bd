package app.pieces.simulator;

/**
 * Thrown when an asset, conversation or message does not exist: either it never existed
 * ({@link #isGone()} {@code false}, HTTP 404) or it was deleted ({@link #isGone()} {@code true}, HTTP 410).
 */
public final class MissingEntityException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final boolean gone;

	MissingEntityException(String kind, String id, boolean gone) {
		super(kind + " " + id + (gone ? " was deleted" : " does not exist"));
		this.gone = gone;
	}

	/**
	 * Whether the entity existed and was deleted.
	 * @return {@code true} for a deleted entity (HTTP 410), {@code false} for an unknown one (HTTP 404)
	 */
	public boolean isGone() {
		return this.gone;
	}

	/**
	 * The HTTP status the REST endpoints answer with.
	 * @return 410 or 404
	 */
	public int status() {
		return this.gone ? 410 : 404;
	}

}
