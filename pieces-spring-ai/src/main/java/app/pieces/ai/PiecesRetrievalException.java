package app.pieces.ai;

import app.pieces.client.PiecesException;

/**
 * Thrown by {@link PiecesDocumentRetriever} when Pieces OS could not retrieve snippets: unreachable, failing or
 * refusing the query. The cause is the client's {@link PiecesException}.
 *
 * @author Pieces starter team
 */
public class PiecesRetrievalException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final boolean transientFailure;

	/**
	 * Create an exception.
	 * @param message what failed and why
	 * @param cause the client's exception
	 * @param transientFailure whether trying again later may work (Pieces OS away or overloaded)
	 */
	public PiecesRetrievalException(String message, PiecesException cause, boolean transientFailure) {
		super(message, cause);
		this.transientFailure = transientFailure;
	}

	/**
	 * Return whether trying again later may work: Pieces OS was unreachable, overloaded or timed out.
	 * @return {@code true} for a transient failure
	 */
	public boolean isTransient() {
		return this.transientFailure;
	}

}
