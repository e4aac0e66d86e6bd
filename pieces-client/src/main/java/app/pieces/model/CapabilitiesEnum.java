package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Processing capabilities of an application (local, cloud or both).
 * <p>
 * Unrecognised wire values decode to {@link #UNKNOWN} instead of failing, whatever the mapper configuration.
 */
public enum CapabilitiesEnum {

	/**
	 * Wire value {@code UNKNOWN}, also used for unrecognised values.
	 */
	@JsonEnumDefaultValue
	UNKNOWN("UNKNOWN"),

	/**
	 * Wire value {@code LOCAL}.
	 */
	LOCAL("LOCAL"),

	/**
	 * Wire value {@code CLOUD}.
	 */
	CLOUD("CLOUD"),

	/**
	 * Wire value {@code BLENDED}.
	 */
	BLENDED("BLENDED");

	private final String wireValue;

	CapabilitiesEnum(String wireValue) {
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
	public static CapabilitiesEnum fromWireValue(@Nullable String value) {
		return ModelSupport.fromWireValue(values(), CapabilitiesEnum::wireValue, value, UNKNOWN);
	}

}
