package app.pieces.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Lenient {@link Instant} reader for timestamps written by Pieces OS: ISO-8601 with any number of fraction digits
 * (Dart writes 3 or 6), with {@code Z}, with an offset, or without a zone (read as UTC), or an epoch number:
 * seconds, as Pieces' models define it, unless the value is too large for seconds of this era (then milliseconds).
 * Text that is none of these reads as {@code null} (logged at debug level) rather than failing the whole object.
 */
final class LenientInstantDeserializer extends StdDeserializer<@Nullable Instant> {

	private static final Log logger = LogFactory.getLog(LenientInstantDeserializer.class);

	/** 10^11: as seconds the year 5138, as milliseconds 1973; numbers below it are read as seconds. */
	private static final long MILLIS_THRESHOLD = 100_000_000_000L;

	LenientInstantDeserializer() {
		super(Instant.class);
	}

	@Override
	public @Nullable Instant deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT) {
			long value = parser.getLongValue();
			return (Math.abs(value) < MILLIS_THRESHOLD) ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
		}
		if (token == JsonToken.VALUE_STRING) {
			// the common form straight from the parser's buffer, without a String per timestamp
			char[] chars = parser.getStringCharacters();
			Instant common = (chars != null) ? parseUtc(chars, parser.getStringOffset(), parser.getStringLength())
					: null;
			return (common != null) ? common : parse(parser.getString());
		}
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		parser.skipChildren();
		logger.debug("Ignoring a timestamp that is not a string: " + token);
		return null;
	}

	/**
	 * The form Pieces OS writes almost every timestamp in, {@code 2025-06-03T15:00:00.123Z} (0 to 9 fraction
	 * digits), read without {@code DateTimeFormatter}, which took a sixth of the time a large library needs to
	 * bind. Anything else (offsets, leap seconds, out-of-range fields) is left to the general parsers.
	 * @param value the text
	 * @return the instant, or {@code null} if the text is not of that form
	 */
	static @Nullable Instant parseUtc(String value) {
		return parseUtc(value.toCharArray(), 0, value.length());
	}

	/**
	 * {@link #parseUtc(String)} of {@code chars[offset, offset + length)}.
	 */
	private static @Nullable Instant parseUtc(char[] chars, int offset, int length) {
		if (length < 20 || length == 21 || length > 30 || chars[offset + length - 1] != 'Z'
				|| chars[offset + 4] != '-' || chars[offset + 7] != '-' || chars[offset + 10] != 'T'
				|| chars[offset + 13] != ':' || chars[offset + 16] != ':'
				|| (length > 20 && chars[offset + 19] != '.')) {
			return null;
		}
		int year = digits(chars, offset, 4);
		int month = digits(chars, offset + 5, 2);
		int day = digits(chars, offset + 8, 2);
		int hour = digits(chars, offset + 11, 2);
		int minute = digits(chars, offset + 14, 2);
		int second = digits(chars, offset + 17, 2);
		int fraction = (length > 20) ? digits(chars, offset + 20, length - 21) : 0;
		if (year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
				|| fraction < 0) {
			return null;
		}
		int nanos = fraction;
		for (int scale = (length > 20) ? length - 21 : 9; scale < 9; scale++) {
			nanos *= 10;
		}
		long epochDay;
		try {
			epochDay = LocalDate.of(year, month, day).toEpochDay();
		}
		catch (DateTimeException ex) {
			// no such date (month 13, February 30, ...): the general parsers reject it too
			return null;
		}
		return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
	}

	/** The decimal value of the {@code count} characters from {@code from}, or -1 if one is not an ASCII digit. */
	private static int digits(char[] chars, int from, int count) {
		int result = 0;
		for (int i = from; i < from + count; i++) {
			char c = chars[i];
			if (c < '0' || c > '9') {
				return -1;
			}
			result = result * 10 + (c - '0');
		}
		return result;
	}

	static @Nullable Instant parse(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.trim();
		Instant common = parseUtc(value);
		if (common != null) {
			return common;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			// try the other forms
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			// try the other forms
		}
		try {
			return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			logger.debug("Ignoring a timestamp that is not ISO-8601: '" + value + "'");
			return null;
		}
	}

}
