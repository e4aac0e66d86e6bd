package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Performance profile of a machine-learning model.
 * <p>
 * Unrecognised wire values decode to {@link #UNKNOWN} instead of failing, whatever the mapper configuration.
 */
public enum ModelTypeEnum {

	/**
	 * Wire value {@code UNKNOWN}, also used for unrecognised values.
	 */
	@JsonEnumDefaultValue
	UNKNOWN("UNKNOWN"),

	/**
	 * Wire value {@code BALANCED}.
	 */
	BALANCED("BALANCED"),

	/**
	 * Wire value {@code SPEED}.
	 */
	SPEED("SPEED"),

	/**
	 * Wire value {@code ACCURACY}.
	 */
	ACCURACY("ACCURACY");

	private final String wireValue;

	ModelTypeEnum(String wireValue) {
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
	public static ModelTypeEnum fromWireValue(@Nullable String value) {
		return ModelSupport.fromWireValue(values(), ModelTypeEnum::wireValue, value, UNKNOWN);
	}

}
