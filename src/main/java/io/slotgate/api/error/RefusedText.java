package io.slotgate.api.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A string field that breaks the input policy (too long, a control character); its path names the field
 * (422). Thrown by the request mapper's string reading, rendered by {@link ExceptionMappers}.
 */
public final class RefusedText extends JsonMappingException {

  public RefusedText(JsonParser parser, String message) {
    super(parser, message);
  }

  /** What is wrong, without the field (the mapper puts the field's path in front). */
  public String reason() {
    return getOriginalMessage();
  }
}
