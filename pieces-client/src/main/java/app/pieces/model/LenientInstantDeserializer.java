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
			return parse(parser.getString());
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
		int length = value.length();
		if (length < 20 || length == 21 || length > 30 || value.charAt(length - 1) != 'Z' || value.charAt(4) != '-'
				|| value.charAt(7) != '-' || value.charAt(10) != 'T' || value.charAt(13) != ':'
				|| value.charAt(16) != ':' || (length > 20 && value.charAt(19) != '.')) {
			return null;
		}
		int year = digits(value, 0, 4);
		int month = digits(value, 5, 7);
		int day = digits(value, 8, 10);
		int hour = digits(value, 11, 13);
		int minute = digits(value, 14, 16);
		int second = digits(value, 17, 19);
		int fraction = (length > 20) ? digits(value, 20, length - 1) : 0;
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

	/** The decimal value of {@code value[from, to)}, or -1 if a character there is not an ASCII digit. */
	private static int digits(String value, int from, int to) {
		int result = 0;
		for (int i = from; i < to; i++) {
			char c = value.charAt(i);
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
