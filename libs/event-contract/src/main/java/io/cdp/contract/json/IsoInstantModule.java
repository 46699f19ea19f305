package io.cdp.contract.json;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.ext.javatime.ser.InstantSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdScalarSerializer;

/**
 * Reads and writes instants in their canonical text with {@link IsoInstants}, and leaves
 * every other case to Jackson's own instant serializer and deserializer: other text
 * forms, numbers, a property with its own {@link JsonFormat}, a mapper writing times as
 * timestamps. The bytes written and the values read are the same as without the module.
 */
final class IsoInstantModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	IsoInstantModule() {
		super(IsoInstantModule.class.getSimpleName());
		addSerializer(Instant.class, new Writer(InstantSerializer.INSTANCE));
		addDeserializer(Instant.class, new Reader(InstantDeserializer.INSTANT));
	}

	private static boolean hasOwnFormat(JsonFormat.@Nullable Value format) {
		return format != null && (format.hasPattern() || format.hasShape() || format.hasLocale() || format.hasTimeZone()
				|| format.hasLenient() || !format.getFeatures().equals(JsonFormat.Features.empty()));
	}

	static final class Writer extends StdScalarSerializer<Instant> {

		private final ValueSerializer<Instant> standard;

		Writer(ValueSerializer<Instant> standard) {
			super(Instant.class);
			this.standard = standard;
		}

		@Override
		public ValueSerializer<?> createContextual(SerializationContext context, @Nullable BeanProperty property) {
			if (hasOwnFormat(findFormatOverrides(context, property, handledType()))) {
				return this.standard.createContextual(context, property);
			}
			return this;
		}

		@Override
		public void serialize(Instant value, JsonGenerator generator, SerializationContext context)
				throws JacksonException {
			if (context.isEnabled(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)) {
				this.standard.serialize(value, generator, context);
				return;
			}
			generator.writeString(IsoInstants.format(value));
		}

	}

	static final class Reader extends StdScalarDeserializer<Instant> {

		private final ValueDeserializer<Instant> standard;

		Reader(ValueDeserializer<Instant> standard) {
			super(Instant.class);
			this.standard = standard;
		}

		@Override
		public ValueDeserializer<?> createContextual(DeserializationContext context, @Nullable BeanProperty property) {
			if (hasOwnFormat(findFormatOverrides(context, property, handledType()))) {
				return this.standard.createContextual(context, property);
			}
			return this;
		}

		@Override
		public Instant deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			if (parser.hasToken(JsonToken.VALUE_STRING)) {
				Instant instant = IsoInstants.parse(parser.getString());
				if (instant != null) {
					return instant;
				}
			}
			return this.standard.deserialize(parser, context);
		}

	}

}
