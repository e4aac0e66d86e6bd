package app.pieces.client;

/**
 * The running Pieces OS version is outside the range this client supports. The message says which side to
 * update; {@link #getUpdate()} says it in code.
 */
public class PiecesIncompatibleVersionException extends PiecesException {

	private static final long serialVersionUID = 1L;

	/**
	 * The version text Pieces OS reported.
	 */
	private final String actualVersion;

	/**
	 * Which side to update.
	 */
	private final Update update;

	/**
	 * Create an exception.
	 * @param message the message
	 * @param actualVersion the version Pieces OS reported
	 * @param update which side to update
	 */
	public PiecesIncompatibleVersionException(String message, String actualVersion, Update update) {
		super(message);
		this.actualVersion = actualVersion;
		this.update = update;
	}

	/**
	 * Return the version Pieces OS reported.
	 * @return the version text
	 */
	public String getActualVersion() {
		return this.actualVersion;
	}

	/**
	 * Return which side has to be updated.
	 * @return the side to update
	 */
	public Update getUpdate() {
		return this.update;
	}

	/**
	 * Which side of the connection has to be updated to make the versions compatible.
	 */
	public enum Update {

		/**
		 * Pieces OS is older than this client supports: update Pieces OS.
		 */
		PIECES_OS,

		/**
		 * Pieces OS is newer than this client supports: update the client library.
		 */
		CLIENT,

		/**
		 * The version could not be understood.
		 */
		UNKNOWN

	}

}
