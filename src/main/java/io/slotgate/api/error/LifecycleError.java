package io.slotgate.api.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle error body (seed 002): {@code {"errors": [{message, code, type, statusCode, arguments}]}}.
 * Registered for reflection: the mappers answer it as an untyped entity, which a native image cannot serialise otherwise.
 */
@RegisterForReflection
public record LifecycleError(List<Item> errors) {

  /** One error; {@code arguments} carries what a client needs to react, e.g. the current status. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @RegisterForReflection
  public record Item(String message, String code, String type, String statusCode, Map<String, Object> arguments) {}
}
