package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Semantic version of a model's schema ({@code schema.semantic}).
 * <p>
 * Unrecognised wire values decode to {@link #UNKNOWN} instead of failing, whatever the mapper configuration.
 */
public enum EmbeddedModelSchemaSemanticVersion {

	/**
	 * Wire value {@code UNKNOWN}, also used for unrecognised values.
	 */
	@JsonEnumDefaultValue
	UNKNOWN("UNKNOWN"),

	/**
	 * Wire value {@code MAJOR_0_MINOR_0_PATCH_1}.
	 */
	MAJOR_0_MINOR_0_PATCH_1("MAJOR_0_MINOR_0_PATCH_1");

	private final String wireValue;

	EmbeddedModelSchemaSemanticVersion(String wireValue) {
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
	public static EmbeddedModelSchemaSemanticVersion fromWireValue(@Nullable String value) {
		return ModelSupport.fromWireValue(values(), EmbeddedModelSchemaSemanticVersion::wireValue, value, UNKNOWN);
	}

}
