package io.slotgate.api.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The lifecycle error body (seed 002): {@code {"errors": [{message, code, type, statusCode, arguments}]}}. */
public record LifecycleError(List<Item> errors) {

  /** One error; {@code arguments} carries what a client needs to react, e.g. the current status. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Item(String message, String code, String type, String statusCode, Map<String, Object> arguments) {}
}
