package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Factory for the Jackson 3 {@link JsonMapper} every part of the Pieces client uses to read and write wire
 * models.
 * <p>
 * The mapper is lenient in the ways the protocol needs: unknown properties are ignored, {@code null} for a
 * primitive or a creator property is accepted, unknown enum values decode to the enum's default, timestamps are
 * written as ISO-8601 strings and {@code null} components are omitted on write (as the official Python client
 * does). It also registers {@link #module()}, which keeps the raw JSON of {@link Asset} and {@link Conversation}.
 */
public final class PiecesJson {

	/** The reader attribute that switches raw JSON capture off ({@link #withoutRawJsonCapture}). */
	private static final Object NO_CAPTURE = new Object();

	private static final JsonMapper MAPPER = builder().build();

	private PiecesJson() {
	}

	/**
	 * Return the shared, configured mapper. {@link JsonMapper} is immutable and thread-safe.
	 * @return the shared mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * Return a builder pre-configured like {@link #mapper()}, for callers that want to adjust it.
	 * @return a new builder
	 */
	public static JsonMapper.Builder builder() {
		return JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
			.enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			.addModule(module());
	}

	/**
	 * Return the Jackson module that keeps the raw JSON of {@link Asset} and {@link Conversation} (see
	 * {@link Asset#raw()}). Register it when building a mapper of your own.
	 * @return a new module instance
	 */
	public static SimpleModule module() {
		SimpleModule module = new SimpleModule("pieces-raw-json") {

			private static final long serialVersionUID = 1L;

			@Override
			public void setupModule(SetupContext context) {
				super.setupModule(context);
				// the model's records and enums created without Jackson's per-call adapters
				context.addValueInstantiators(new DirectCreators.RecordInstantiators());
				context.addDeserializers(new DirectCreators.WireEnumDeserializers());
			}

		};
		module.setDeserializerModifier(new RawJsonDeserializerModifier());
		return module;
	}

	private static final class RawJsonDeserializerModifier extends ValueDeserializerModifier {

		private static final long serialVersionUID = 1L;

		@Override
		public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
				BeanDescription.Supplier beanDescRef, ValueDeserializer<?> deserializer) {
			Class<?> type = beanDescRef.getBeanClass();
			ValueDeserializer<?> modified = deserializer;
			if (MatchedRecordDeserializer.appliesTo(type)) {
				modified = new MatchedRecordDeserializer(modified);
			}
			if (RawJsonCarrier.class.isAssignableFrom(type)) {
				modified = new RawJsonCapturingDeserializer(modified);
			}
			return modified;
		}

	}

	/**
	 * Return a reader that decodes {@link RawJsonCarrier}s without capturing their raw JSON, for a caller that
	 * attaches the text itself ({@link RawJsonCarrier#withRawJson(RawJson)}), e.g. sliced from the input it read:
	 * that spares copying each value's tokens and writing them out again.
	 * @param reader a reader of a mapper with {@link #module()}
	 * @return the reader without raw JSON capture
	 */
	public static ObjectReader withoutRawJsonCapture(ObjectReader reader) {
		return reader.withAttribute(NO_CAPTURE, Boolean.TRUE);
	}

	/**
	 * Copies the value's tokens once into a {@link TokenBuffer}, lets the standard deserializer decode them and
	 * attaches their compact UTF-8 text to the result: one pass over the input, no tree per item.
	 */
	private static final class RawJsonCapturingDeserializer extends DelegatingDeserializer {

		RawJsonCapturingDeserializer(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		public ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> newDelegatee) {
			return new RawJsonCapturingDeserializer(newDelegatee);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			if (context.getAttribute(NO_CAPTURE) != null) {
				return this._delegatee.deserialize(parser, context);
			}
			if (parser.currentToken() != JsonToken.START_OBJECT) {
				// a field name (the object's start already consumed by the caller): the rest of the object as a tree
				return deserializeFromTree(parser, context);
			}
			TokenBuffer tokens = context.bufferAsCopyOfValue(parser);
			Object value;
			try (JsonParser buffered = tokens.asParserOnFirstToken(context)) {
				value = this._delegatee.deserialize(buffered, context);
			}
			if (value instanceof RawJsonCarrier<?> carrier) {
				return carrier.withRawJson(RawJson.of(tokens, context.tokenStreamFactory()));
			}
			return value;
		}

		private Object deserializeFromTree(JsonParser parser, DeserializationContext context) {
			JsonNode tree = context.readTree(parser);
			Object value;
			try (JsonParser treeParser = tree.traverse(context)) {
				treeParser.nextToken();
				if (treeParser.currentToken() == JsonToken.VALUE_NULL) {
					return getNullValue(context);
				}
				value = this._delegatee.deserialize(treeParser, context);
			}
			if (value instanceof RawJsonCarrier<?> carrier && tree.isObject()) {
				return carrier.withRawJson(RawJson.of(tree));
			}
			return value;
		}

	}

}
