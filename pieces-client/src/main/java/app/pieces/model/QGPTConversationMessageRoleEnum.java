package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Who wrote a conversation message ({@code QGPTConversationMessageRoleEnum}).
 */
public enum QGPTConversationMessageRoleEnum {

	/**
	 * Wire value {@code UNKNOWN}, also used for unrecognised values.
	 */
	@JsonEnumDefaultValue
	UNKNOWN("UNKNOWN"),

	/**
	 * Wire value {@code USER}.
	 */
	USER("USER"),

	/**
	 * Wire value {@code SYSTEM}.
	 */
	SYSTEM("SYSTEM"),

	/**
	 * Wire value {@code ASSISTANT}.
	 */
	ASSISTANT("ASSISTANT"),

	/**
	 * Wire value {@code SYSTEM_THINKING}.
	 */
	SYSTEM_THINKING("SYSTEM_THINKING");

	private final String wireValue;

	QGPTConversationMessageRoleEnum(String wireValue) {
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
	public static QGPTConversationMessageRoleEnum fromWireValue(@Nullable String value) {
		return ModelSupport.fromWireValue(values(), QGPTConversationMessageRoleEnum::wireValue, value, UNKNOWN);
	}

}
