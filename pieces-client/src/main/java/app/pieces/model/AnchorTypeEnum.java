package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link Anchor} points at ({@code type} on the wire).
 * <p>
 * Unrecognised wire values decode to {@link #UNKNOWN} instead of failing, whatever the mapper configuration.
 */
public enum AnchorTypeEnum {

	/**
	 * Wire value {@code UNKNOWN}, also used for unrecognised values.
	 */
	@JsonEnumDefaultValue
	UNKNOWN("UNKNOWN"),

	/**
	 * Wire value {@code FILE}.
	 */
	FILE("FILE"),

	/**
	 * Wire value {@code DIRECTORY}.
	 */
	DIRECTORY("DIRECTORY");

	private final String wireValue;

	AnchorTypeEnum(String wireValue) {
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
	public static AnchorTypeEnum fromWireValue(@Nullable String value) {
		return ModelSupport.fromWireValue(values(), AnchorTypeEnum::wireValue, value, UNKNOWN);
	}

}
