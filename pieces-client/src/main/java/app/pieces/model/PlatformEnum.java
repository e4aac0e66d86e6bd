package app.pieces.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Operating system platform of an application.
 * <p>
 * Unrecognised wire values decode to {@link #UNKNOWN} instead of failing, whatever the mapper configuration.
 */
public enum PlatformEnum {

	/**
	 * Wire value {@code UNKNOWN}, also used for unrecognised values.
	 */
	@JsonEnumDefaultValue
	UNKNOWN("UNKNOWN"),

	/**
	 * Wire value {@code WEB}.
	 */
	WEB("WEB"),

	/**
	 * Wire value {@code MACOS}.
	 */
	MACOS("MACOS"),

	/**
	 * Wire value {@code WINDOWS}.
	 */
	WINDOWS("WINDOWS"),

	/**
	 * Wire value {@code LINUX}.
	 */
	LINUX("LINUX"),

	/**
	 * Wire value {@code IOS}.
	 */
	IOS("IOS"),

	/**
	 * Wire value {@code ANDROID}.
	 */
	ANDROID("ANDROID"),

	/**
	 * Wire value {@code FUCHSIA}.
	 */
	FUCHSIA("FUCHSIA");

	private final String wireValue;

	PlatformEnum(String wireValue) {
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
	 * Return the platform this JVM runs on, as Pieces OS names it ({@link #LINUX} for anything but macOS and
	 * Windows).
	 * @return the platform
	 */
	public static PlatformEnum current() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		if (os.contains("mac") || os.contains("darwin")) {
			return MACOS;
		}
		return os.contains("win") ? WINDOWS : LINUX;
	}

	/**
	 * Decode a wire value, case-insensitively; {@code null}, blank or unrecognised values give {@link #UNKNOWN}.
	 * @param value the wire value
	 * @return the matching constant, never {@code null}
	 */
	@JsonCreator
	public static PlatformEnum fromWireValue(@Nullable String value) {
		return ModelSupport.fromWireValue(values(), PlatformEnum::wireValue, value, UNKNOWN);
	}

}
