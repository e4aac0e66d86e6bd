package app.pieces.model;

import java.time.Instant;
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

	static @Nullable Instant parse(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.trim();
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
