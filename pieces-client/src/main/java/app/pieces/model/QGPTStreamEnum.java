package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Status of a {@link QGPTStreamOutput} frame on {@code /qgpt/stream}. {@code IN-PROGRESS} is spelled with a hyphen on
 * the wire.
 * <p>
 * Unrecognised wire values decode to {@link #UNKNOWN} instead of failing, whatever the mapper configuration.
 */
public enum QGPTStreamEnum {

	/**
	 * Unknown or unrecognised status.
	 */
	@JsonEnumDefaultValue
	UNKNOWN("UNKNOWN"),

	/**
	 * The request was cancelled (terminal).
	 */
	CANCELED("CANCELED"),

	/**
	 * The request was accepted; answer frames follow.
	 */
	INITIALIZED("INITIALIZED"),

	/**
	 * A frame carrying the next chunk of the answer.
	 */
	IN_PROGRESS("IN-PROGRESS"),

	/**
	 * The answer is complete (terminal).
	 */
	COMPLETED("COMPLETED"),

	/**
	 * The request failed; see {@code statusCode} and {@code errorMessage} (terminal).
	 */
	FAILED("FAILED"),

	/**
	 * The generation was stopped on request (terminal).
	 */
	STOPPED("STOPPED"),

	/**
	 * The stream was reset (terminal).
	 */
	RESET("RESET");

	private final String wireValue;

	QGPTStreamEnum(String wireValue) {
		this.wireValue = wireValue;
	}

	/**
	 * Return the exact string used on the wire.
	 * @return the wire value
	 */
	@JsonValue
	public String wireValue() {
		return this.wireValue;
	}

	/**
	 * Return whether this status ends a request: anything but {@link #INITIALIZED} and {@link #IN_PROGRESS}.
	 * @return {@code true} for a terminal status
	 */
	public boolean isTerminal() {
		return this != INITIALIZED && this != IN_PROGRESS;
	}

	/**
	 * Decode a wire value, case-insensitively; {@code null}, blank or unrecognised values give {@link #UNKNOWN}.
	 * @param value the wire value
	 * @return the matching constant, never {@code null}
	 */
	@JsonCreator
	public static QGPTStreamEnum fromWireValue(@Nullable String value) {
		return ModelSupport.fromWireValue(values(), QGPTStreamEnum::wireValue, value, UNKNOWN);
	}

}
