package io.slotgate.api.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.slotgate.api.error.RefusedText;
import io.slotgate.config.SlotgateConfig;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;

/**
 * JSON strictness for request bodies, shared by all faces: 1.5 is not an integer id, a key given twice
 * is not valid JSON, no string field holds control characters or more than the input policy's
 * length, and a field the request does not know is refused, not dropped ({@link StrictFields}). It is REST's mapper only: the application's own {@link ObjectMapper} (stored JSON, appointment
 * events, Vert.x's codec) reads what slotgate wrote itself and has no input limits, so a value that
 * was accepted once can always be read back (a 2048-character answer once stopped every webhook).
 */
@Provider
@Singleton
public class JacksonSetup implements ContextResolver<ObjectMapper> {

  private final ObjectMapper requests;

  public JacksonSetup(ObjectMapper application, SlotgateConfig config) {
    this.requests = application.copy()
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .registerModule(new SimpleModule("slotgate-input").addDeserializer(String.class,
            new BoundedStrings(config.input().maxStringLength())))
        .registerModule(new StrictFields());
  }

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return requests;
  }

  /** The request mapper, for input a face parses itself (JSON in query parameters, optional bodies). */
  public ObjectMapper requests() {
    return requests;
  }

  /** Jackson's own string reading, then the policy: no control characters, at most {@code max} characters. */
  static final class BoundedStrings extends StdScalarDeserializer<String> {
    private final int max;

    BoundedStrings(int max) {
      super(String.class);
      this.max = max;
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String value = StringDeserializer.instance.deserialize(parser, context);
      if (value == null || !parser.hasToken(JsonToken.VALUE_STRING)) {
        return value;
      }
      if (value.length() > max) {
        throw new RefusedText(parser, "must be at most " + max + " characters long");
      }
      if (InputGuard.hasControl(value.replace('\n', ' ').replace('\r', ' '))) {
        throw new RefusedText(parser, "must not contain control characters (such as U+0000)");
      }
      return value;
    }
  }
}
