package io.slotgate.api.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.slotgate.api.error.UnknownFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedList;
import java.util.List;

/**
 * Refuses request-body fields the target record does not declare (nor accept under a {@code @JsonAlias}, nor ignore
 * by name with {@code @JsonIgnoreProperties}). Unknown fields are noted with their JSON path while the body is read
 * and skipped; once the outermost object is read, they are refused all together ({@link UnknownFields}), so the
 * client learns every one at once instead of one per retry. Maps (names per locale) take any key, as before.
 */
final class StrictFields extends SimpleModule {

  /** The unknown fields of the body being read: a per-call attribute, so concurrent reads never share it. */
  private static final String NOTED = StrictFields.class.getName() + ".unknown";

  StrictFields() {
    super("slotgate-strict-fields");
    setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
          JsonDeserializer<?> deserializer) {
        return deserializer instanceof BeanDeserializerBase ? new RefusingAtTheEnd(deserializer) : deserializer;
      }
    });
  }

  @Override
  public void setupModule(SetupContext context) {
    super.setupModule(context);
    context.addDeserializationProblemHandler(new Noting());
  }

  /** Notes an unknown field with its path and the fields known there, and skips its value. */
  private static final class Noting extends DeserializationProblemHandler {
    @Override
    @SuppressWarnings("unchecked")
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
        JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
      List<UnknownFields.Field> noted = (List<UnknownFields.Field>) context.getAttribute(NOTED);
      if (noted == null) {
        noted = new ArrayList<>();
        context.setAttribute(NOTED, noted);
      }
      noted.add(new UnknownFields.Field(path(context, parser, propertyName), known(deserializer)));
      parser.skipChildren();
      return true;
    }

    /**
     * {@code a.b[2].name}: the enclosing objects' field names and arrays' indices, then the unknown field. The
     * stream's parser tells where the object holding it is: a record (read through its constructor) notes its
     * unknown fields from a buffer once it has read past them, a class while it reads them.
     */
    private static String path(DeserializationContext context, JsonParser parser, String propertyName) {
      JsonParser stream = context.getParser() == null ? parser : context.getParser();
      JsonStreamContext holder;
      if (stream != parser) {
        // Replayed from a buffer: the stream is at the end of the object (its context already the enclosing one)
        // or at its next field (still inside it).
        holder = stream.hasToken(JsonToken.END_OBJECT) ? stream.getParsingContext()
            : stream.getParsingContext().getParent();
      } else {
        // On an object or array value the parser has already entered it; the field is in the enclosing context.
        JsonStreamContext object = parser.hasToken(JsonToken.START_OBJECT) || parser.hasToken(JsonToken.START_ARRAY)
            ? parser.getParsingContext().getParent() : parser.getParsingContext();
        holder = object == null ? null : object.getParent();
      }
      LinkedList<String> steps = new LinkedList<>();
      steps.add(propertyName);
      for (JsonStreamContext outer = holder; outer != null && !outer.inRoot(); outer = outer.getParent()) {
        steps.addFirst(outer.inArray() ? "[" + outer.getCurrentIndex() + "]" : String.valueOf(outer.getCurrentName()));
      }
      StringBuilder path = new StringBuilder();
      for (String step : steps) {
        if (!path.isEmpty() && !step.startsWith("[")) {
          path.append('.');
        }
        path.append(step);
      }
      return path.toString();
    }

    private static Collection<String> known(JsonDeserializer<?> deserializer) {
      Collection<Object> names = deserializer == null ? null : deserializer.getKnownPropertyNames();
      return names == null ? List.of() : names.stream().map(String::valueOf).toList();
    }
  }

  /** A record's reading that, when it was the whole body, refuses the unknown fields noted while reading it. */
  private static final class RefusingAtTheEnd extends DelegatingDeserializer {
    RefusingAtTheEnd(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new RefusingAtTheEnd(delegate);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      Object value = _delegatee.deserialize(parser, context);
      List<UnknownFields.Field> noted = (List<UnknownFields.Field>) context.getAttribute(NOTED);
      if (noted != null && !noted.isEmpty() && parser.getParsingContext().inRoot()) {
        throw new UnknownFields(parser, noted);
      }
      return value;
    }
  }
}
