package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * What a search matched in an asset ({@code SearchedMatchEnum}).
 */
public enum SearchedMatchEnum {

	/**
	 * Wire value {@code UNKNOWN}, also used for unrecognised values.
	 */
	@JsonEnumDefaultValue
	UNKNOWN("UNKNOWN"),

	/**
	 * Wire value {@code TITLE}.
	 */
	TITLE("TITLE"),

	/**
	 * Wire value {@code ANNOTATION}.
	 */
	ANNOTATION("ANNOTATION"),

	/**
	 * Wire value {@code HINT}.
	 */
	HINT("HINT"),

	/**
	 * Wire value {@code CONTENT}.
	 */
	CONTENT("CONTENT"),

	/**
	 * Wire value {@code FUZZY}.
	 */
	FUZZY("FUZZY"),

	/**
	 * Wire value {@code MULTIPLE}.
	 */
	MULTIPLE("MULTIPLE"),

	/**
	 * Wire value {@code TAGS}.
	 */
	TAGS("TAGS"),

	/**
	 * Wire value {@code WEBSITES}.
	 */
	WEBSITES("WEBSITES"),

	/**
	 * Wire value {@code PERSONS}.
	 */
	PERSONS("PERSONS");

	private final String wireValue;

	SearchedMatchEnum(String wireValue) {
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
	public static SearchedMatchEnum fromWireValue(@Nullable String value) {
		return ModelSupport.fromWireValue(values(), SearchedMatchEnum::wireValue, value, UNKNOWN);
	}

}
