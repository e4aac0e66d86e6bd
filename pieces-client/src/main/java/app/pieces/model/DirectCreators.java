package app.pieces.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;

/**
 * Calls the model's record constructors and enum decoders directly. Jackson 3.1 invokes every creator with
 * {@code MethodHandle.invokeWithArguments}, which builds a spreading adapter on each call: a third of the time a
 * large library takes to bind went there. These call the constructor or method through reflection, which is as
 * fast once warm and, unlike a method handle adapted per type, generates no classes on a cold first sync (adapted
 * handles made about 90 of the 116 method-handle classes a cold 2,000-asset sync generated). What they create, and
 * how a failing constructor is reported, is Jackson's.
 */
final class DirectCreators {

	private DirectCreators() {
	}

	/** Records of the model: their canonical constructor, called through reflection. */
	static final class RecordInstantiators implements ValueInstantiators {

		@Override
		public @Nullable ValueInstantiator findValueInstantiator(DeserializationConfig config,
				BeanDescription.Supplier beanDescRef) {
			return null;
		}

		@Override
		public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
				BeanDescription.Supplier beanDescRef, ValueInstantiator defaultInstantiator) {
			Class<?> type = beanDescRef.getBeanClass();
			if (ModelSupport.isModelRecord(type)
					&& defaultInstantiator.getClass() == StdValueInstantiator.class
					&& ((StdValueInstantiator) defaultInstantiator)
						.getWithArgsCreator() instanceof AnnotatedConstructor creator
					// reflection without setAccessible: a record this cannot call stays with Jackson's way
					&& Modifier.isPublic(type.getModifiers())
					&& Modifier.isPublic(creator.getAnnotated().getModifiers())) {
				return new DirectRecordInstantiator((StdValueInstantiator) defaultInstantiator,
						creator.getAnnotated());
			}
			return defaultInstantiator;
		}

	}

	private static final class DirectRecordInstantiator extends StdValueInstantiator {

		private static final long serialVersionUID = 1L;

		private final transient Constructor<?> constructor;

		DirectRecordInstantiator(StdValueInstantiator source, Constructor<?> constructor) {
			super(source);
			this.constructor = constructor;
		}

		@Override
		public Object createFromObjectWith(DeserializationContext context, Object[] args) throws JacksonException {
			try {
				return this.constructor.newInstance(args);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return context.handleInstantiationProblem(getValueClass(), args, rewrapCtorProblem(context, ex));
			}
		}

	}

	/** Enums of the model: their {@code fromWireValue(String)} decoder, called directly. */
	static final class WireEnumDeserializers implements Deserializers {

		@Override
		public @Nullable ValueDeserializer<?> findEnumDeserializer(JavaType type, DeserializationConfig config,
				BeanDescription.Supplier beanDescRef) {
			Class<?> enumType = type.getRawClass();
			if (!enumType.getPackageName().equals(ModelSupport.PACKAGE)) {
				return null;
			}
			try {
				Method decoder = enumType.getMethod("fromWireValue", String.class);
				if (!Modifier.isStatic(decoder.getModifiers()) || decoder.getReturnType() != enumType) {
					return null;
				}
				return new WireEnumDeserializer(enumType, decoder, exactWireValues(enumType));
			}
			catch (NoSuchMethodException ex) {
				return null;
			}
		}

		@Override
		public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
			return false;
		}

		/** Each constant by its exact wire value; empty if the enum has no {@code wireValue()}. */
		private static Map<String, Object> exactWireValues(Class<?> enumType) {
			Map<String, Object> constants = new HashMap<>();
			try {
				Method wireValue = enumType.getMethod("wireValue");
				for (Object constant : enumType.getEnumConstants()) {
					if (wireValue.invoke(constant) instanceof String value) {
						constants.put(value, constant);
					}
				}
			}
			catch (ReflectiveOperationException ex) {
				return Map.of();
			}
			return Map.copyOf(constants);
		}

	}

	private static final class WireEnumDeserializer extends StdDeserializer<Object> {

		private final transient Method decoder;

		// the exact wire values and their constants, matched against the parser's buffer: no String is built
		// and hashed for the value Pieces OS almost always writes
		private final transient char[][] wireValues;

		private final transient Object[] constants;

		WireEnumDeserializer(Class<?> enumType, Method decoder, Map<String, Object> exact) {
			super(enumType);
			this.decoder = decoder;
			this.wireValues = new char[exact.size()][];
			this.constants = new Object[exact.size()];
			int i = 0;
			for (Map.Entry<String, Object> entry : exact.entrySet()) {
				this.wireValues[i] = entry.getKey().toCharArray();
				this.constants[i] = entry.getValue();
				i++;
			}
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			JsonToken token = parser.currentToken();
			String text;
			if (token == JsonToken.VALUE_STRING) {
				// the wire value as Pieces OS writes it: no need for the decoder's trimming, case-insensitive scan
				Object constant = exactMatch(parser.getStringCharacters(), parser.getStringOffset(),
						parser.getStringLength());
				if (constant != null) {
					return constant;
				}
				text = parser.getString();
			}
			else if (token.isScalarValue()) {
				text = parser.getValueAsString();
			}
			else {
				// an object or an array where an enum belongs: what the decoder does with an unknown value
				parser.skipChildren();
				text = null;
			}
			try {
				return this.decoder.invoke(null, text);
			}
			catch (InvocationTargetException ex) {
				// the decoder's own failure, as a direct call would throw it
				if (ex.getCause() instanceof RuntimeException failure) {
					throw failure;
				}
				if (ex.getCause() instanceof Error error) {
					throw error;
				}
				throw new IllegalStateException(ex.getCause());
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private @Nullable Object exactMatch(char @Nullable [] buffer, int offset, int length) {
			if (buffer == null) {
				return null;
			}
			for (int i = 0; i < this.wireValues.length; i++) {
				char[] wireValue = this.wireValues[i];
				if (wireValue.length == length
						&& Arrays.equals(buffer, offset, offset + length, wireValue, 0, length)) {
					return this.constants[i];
				}
			}
			return null;
		}

	}

}
