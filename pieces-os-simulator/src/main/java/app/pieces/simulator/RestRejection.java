package app.pieces.simulator;

/**
 * A REST request the simulator refuses, with the HTTP status to answer and a text reason for the body.
 */
final class RestRejection extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	RestRejection(int status, String reason) {
		super(reason);
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("Not an HTTP error status: " + status);
		}
		this.status = status;
	}

	/**
	 * A 400 Bad Request.
	 * @param reason what is wrong with the request
	 * @return the rejection
	 */
	static RestRejection badRequest(String reason) {
		return new RestRejection(400, reason);
	}

	int status() {
		return this.status;
	}

}
