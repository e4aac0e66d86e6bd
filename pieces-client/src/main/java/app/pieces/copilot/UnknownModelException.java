package app.pieces.copilot;

import java.util.List;

/**
 * Thrown when a copilot model is requested by a name (or id) that Pieces OS does not offer. The message and
 * {@link #getAvailableModels()} list the names that are available.
 */
public class UnknownModelException extends CopilotException {

	private static final long serialVersionUID = 1L;

	private final String requestedModel;

	private final List<String> availableModels;

	/**
	 * Create a new exception.
	 * @param requestedModel the requested name or id
	 * @param availableModels the names of the models Pieces OS offers
	 */
	public UnknownModelException(String requestedModel, List<String> availableModels) {
		super("Unknown Pieces OS model '" + requestedModel + "'; available models: "
				+ (availableModels.isEmpty() ? "none" : String.join(", ", availableModels)), null, null);
		this.requestedModel = requestedModel;
		this.availableModels = List.copyOf(availableModels);
	}

	/**
	 * Return the name or id that was requested.
	 * @return the requested model
	 */
	public String getRequestedModel() {
		return this.requestedModel;
	}

	/**
	 * Return the names of the models Pieces OS offers, in the order it lists them.
	 * @return the available model names
	 */
	public List<String> getAvailableModels() {
		return this.availableModels;
	}

}
