package app.pieces.model;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.Named;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.deser.bean.PropertyBasedCreator;
import tools.jackson.databind.deser.bean.PropertyValueBuffer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;

/**
 * Binds a record of the model by matching its property names in the parser, against a matcher built once per type,
 * instead of Jackson's per-object path for creator properties (a name read into a {@code String}, looked up in a
 * hash map, the type asked again whether it is a record): warm, 50,000 assets bind about a fifth faster.
 * Values, missing and {@code null} properties, the constructor call and its failures stay Jackson's: the properties'
 * own deserializers fill Jackson's {@link PropertyValueBuffer} and its {@link PropertyBasedCreator} builds the record.
 * Anything this does not cover (an object id, an any-setter, case-insensitive or aliased names, unknown properties
 * that are not simply ignored, input that does not start an object) goes to Jackson's deserializer unchanged.
 */
final class MatchedRecordDeserializer extends DelegatingDeserializer {

	/** Marks a type whose deserializer this cannot stand in for. */
	private static final Object UNSUPPORTED = new Object();

	/** The {@link Plan}, or {@link #UNSUPPORTED}; {@code null} until first use. */
	private volatile @Nullable Object plan;

	MatchedRecordDeserializer(ValueDeserializer<?> delegate) {
		super(delegate);
	}

	/** Whether the type is a record of the model that ignores unknown properties. */
	static boolean appliesTo(Class<?> type) {
		JsonIgnoreProperties ignorals = type.getAnnotation(JsonIgnoreProperties.class);
		return ModelSupport.isModelRecord(type) && ignorals != null && ignorals.ignoreUnknown();
	}

	@Override
	public ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> newDelegatee) {
		return new MatchedRecordDeserializer(newDelegatee);
	}

	@Override
	public Object deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
		if (!(plan(context) instanceof Plan plan)) {
			return this._delegatee.deserialize(parser, context);
		}
		int match;
		if (parser.isExpectedStartObjectToken()) {
			match = parser.nextNameMatch(plan.matcher);
		}
		else if (parser.currentToken() == JsonToken.PROPERTY_NAME) {
			// the object's start already consumed by the caller
			match = parser.currentNameMatch(plan.matcher);
		}
		else {
			return this._delegatee.deserialize(parser, context);
		}
		PropertyValueBuffer buffer = plan.creator.startBuilding(parser, context, null);
		for (; match != PropertyNameMatcher.MATCH_END_OBJECT; match = parser.nextNameMatch(plan.matcher)) {
			if (match >= 0) {
				SettableBeanProperty property = plan.properties[match];
				parser.nextToken();
				try {
					buffer.assignParameter(property, property.deserialize(parser, context));
				}
				catch (Exception ex) {
					throw ((BeanDeserializerBase) this._delegatee).wrapAndThrow(ex, handledType(), property.getName(),
							context);
				}
			}
			else if (match == PropertyNameMatcher.MATCH_UNKNOWN_NAME) {
				// the type ignores unknown properties
				parser.nextToken();
				parser.skipChildren();
			}
			else {
				return context.handleUnexpectedToken(handledType(), parser);
			}
		}
		return plan.creator.build(context, buffer);
	}

	private Object plan(DeserializationContext context) {
		Object plan = this.plan;
		if (plan == null) {
			// built at first use: by then Jackson has resolved the properties' deserializers
			plan = Plan.of(this._delegatee, context);
			this.plan = plan;
		}
		return plan;
	}

	private record Plan(SettableBeanProperty[] properties, PropertyBasedCreator creator,
			PropertyNameMatcher matcher) {

		/** The plan for a resolved deserializer, or {@link #UNSUPPORTED}. */
		static Object of(ValueDeserializer<?> delegate, DeserializationContext context) {
			if (!(delegate instanceof BeanDeserializerBase bean) || bean.hasAnySetter()
					|| bean.getObjectIdReader(context) != null || bean.isCaseInsensitive()
					|| !bean.getValueInstantiator().canCreateFromObjectWith()) {
				return UNSUPPORTED;
			}
			// every argument of the constructor, also those no property fills (an ignored component)
			SettableBeanProperty[] arguments = bean.getValueInstantiator().getFromObjectArguments(context.getConfig());
			if (arguments == null) {
				return UNSUPPORTED;
			}
			arguments = arguments.clone();
			List<SettableBeanProperty> matched = new ArrayList<>(arguments.length);
			List<Named> names = new ArrayList<>(arguments.length);
			for (Iterator<SettableBeanProperty> resolved = bean.creatorProperties(); resolved.hasNext();) {
				SettableBeanProperty property = resolved.next();
				int index = property.getCreatorIndex();
				if (index < 0 || index >= arguments.length || !property.hasValueDeserializer()
						|| !property.findAliases(context.getConfig()).isEmpty()
						|| property.getInjectableValueId() != null) {
					return UNSUPPORTED;
				}
				arguments[index] = property;
				matched.add(property);
				names.add(Named.fromString(property.getName()));
			}
			for (Iterator<SettableBeanProperty> all = bean.properties(); all.hasNext();) {
				if (all.next().getCreatorIndex() < 0) {
					// a property set after construction: Jackson's path handles it
					return UNSUPPORTED;
				}
			}
			PropertyNameMatcher matcher = context.tokenStreamFactory().constructNameMatcher(names, false);
			PropertyBasedCreator creator = PropertyBasedCreator.construct(context, bean.getValueInstantiator(),
					arguments, false);
			return new Plan(matched.toArray(SettableBeanProperty[]::new), creator, matcher);
		}

	}

}
