package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * How an asset or application came to be ({@code mechanism} on the wire).
 * <p>
 * Unrecognised wire values decode to {@link #UNKNOWN} instead of failing, whatever the mapper configuration.
 */
public enum MechanismEnum {

	/**
	 * Wire value {@code UNKNOWN}, also used for unrecognised values.
	 */
	@JsonEnumDefaultValue
	UNKNOWN("UNKNOWN"),

	/**
	 * Wire value {@code MANUAL}.
	 */
	MANUAL("MANUAL"),

	/**
	 * Wire value {@code RECOMMENDED}.
	 */
	RECOMMENDED("RECOMMENDED"),

	/**
	 * Wire value {@code AUTOMATIC}.
	 */
	AUTOMATIC("AUTOMATIC"),

	/**
	 * Wire value {@code INTERNAL}.
	 */
	INTERNAL("INTERNAL"),

	/**
	 * Wire value {@code DELETED}.
	 */
	DELETED("DELETED"),

	/**
	 * Wire value {@code EXTERNAL_AGENT}.
	 */
	EXTERNAL_AGENT("EXTERNAL_AGENT");

	private final String wireValue;

	MechanismEnum(String wireValue) {
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
	 * Decode a wire value, case-insensitively; {@code null}, blank or unrecognised values give {@link #UNKNOWN}.
	 * @param value the wire value
	 * @return the matching constant, never {@code null}
	 */
	@JsonCreator
	public static MechanismEnum fromWireValue(@Nullable String value) {
		return ModelSupport.fromWireValue(values(), MechanismEnum::wireValue, value, UNKNOWN);
	}

}
