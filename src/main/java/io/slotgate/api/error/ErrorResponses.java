package io.slotgate.api.error;

import io.slotgate.core.DomainFailure;
import io.slotgate.core.DomainFailure.Kind;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Renders failures in the error format of the face a request came through: the lifecycle face
 * ({@code /enterprises/...}) uses seed 002's body, every other face seed 000's.
 */
public final class ErrorResponses {

  private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

  private static final Map<Kind, Integer> STATUS = new EnumMap<>(Map.ofEntries(
      Map.entry(Kind.MALFORMED_REQUEST, 400),
      Map.entry(Kind.INVALID_REQUEST, 422),
      Map.entry(Kind.NOT_AUTHENTICATED, 401),
      Map.entry(Kind.NOT_PERMITTED, 403),
      Map.entry(Kind.NOT_FOUND, 404),
      Map.entry(Kind.SLOT_UNAVAILABLE, 409),
      Map.entry(Kind.DUPLICATE_ID, 409),
      Map.entry(Kind.CONFLICT, 409),
      Map.entry(Kind.APPOINTMENT_STATUS_INVALID, 422),
      Map.entry(Kind.HOLD_LIMIT_REACHED, 409),
      Map.entry(Kind.RATE_LIMITED, 429),
      Map.entry(Kind.SUPPLIER_FAULT, 500),
      Map.entry(Kind.NOT_IMPLEMENTED, 501),
      Map.entry(Kind.SERVICE_UNAVAILABLE, 503),
      Map.entry(Kind.SUPPLIER_TIMED_OUT, 504)));

  private static final Map<Kind, String> CODE = new EnumMap<>(Map.of(
      Kind.NOT_AUTHENTICATED, "NOT_AUTHORISED",
      Kind.NOT_PERMITTED, "NOT_AUTHORISED"));

  private ErrorResponses() {}

  public static int status(Kind kind) {
    return STATUS.get(kind);
  }

  public static String code(Kind kind) {
    return CODE.getOrDefault(kind, kind.name());
  }

  public static Response of(DomainFailure failure, String path) {
    return of(failure.kind(), failure.messages(), failure.arguments(), path, UUID.randomUUID().toString());
  }

  /** The error body in the format of the face {@code path} belongs to. */
  public static Object body(Kind kind, List<String> messages, Map<String, Object> arguments, String path, String uuid,
      int status) {
    return lifecycle(path)
        ? new LifecycleError(messages.stream().map(message -> new LifecycleError.Item(message, code(kind),
            type(kind), String.valueOf(status), arguments.isEmpty() ? null : arguments)).toList())
        : new WholesaleError(uuid, code(kind), messages);
  }

  public static Response of(Kind kind, List<String> messages, Map<String, Object> arguments, String path,
      String uuid) {
    return of(status(kind), kind, messages, arguments, path, uuid, null);
  }

  /**
   * The error response, logged once with its uuid (the one the client quotes) and, where the body says less than
   * support needs (why a token was refused), {@code reason}. The request id is in every line's context.
   */
  public static Response of(int status, Kind kind, List<String> messages, Map<String, Object> arguments, String path,
      String uuid, String reason) {
    logRefusal(status, kind, messages, path, uuid, reason);
    return build(status, kind, messages, arguments, path, uuid);
  }

  /** One line per refused request: INFO for 4xx (the client's to fix), WARN for 5xx. */
  public static void logRefusal(int status, Kind kind, List<String> messages, String path, String uuid,
      String reason) {
    LOG.logf(status >= 500 ? Logger.Level.WARN : Logger.Level.INFO, "%d %s uuid=%s path=%s: %s%s", status,
        code(kind), uuid, path, String.join("; ", messages), reason == null ? "" : " (reason: " + reason + ")");
  }

  /** The response alone, for a failure already logged with its stack trace. */
  public static Response build(int status, Kind kind, List<String> messages, Map<String, Object> arguments,
      String path, String uuid) {
    Object body = body(kind, messages, arguments, path, uuid, status);
    Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    if (kind == Kind.NOT_AUTHENTICATED) {
      response.header("WWW-Authenticate", "Bearer");
    }
    if (arguments.get("retryAfterSeconds") != null) {
      response.header("Retry-After", arguments.get("retryAfterSeconds"));
    }
    return response.build();
  }

  private static boolean lifecycle(String path) {
    return path != null && (path.startsWith("/enterprises/") || path.startsWith("enterprises/"));
  }

  /** The lifecycle error item's type of a catalogue code. */
  public static String type(String code) {
    return type(code.equals("NOT_AUTHORISED") ? Kind.NOT_AUTHENTICATED : Kind.valueOf(code));
  }

  private static String type(Kind kind) {
    return switch (kind) {
      case MALFORMED_REQUEST, INVALID_REQUEST -> "VALIDATION";
      case APPOINTMENT_STATUS_INVALID, SLOT_UNAVAILABLE, DUPLICATE_ID, CONFLICT, HOLD_LIMIT_REACHED,
          RATE_LIMITED -> "BUSINESS";
      case NOT_AUTHENTICATED, NOT_PERMITTED -> "SECURITY";
      case NOT_FOUND -> "NOT_FOUND";
      default -> "TECHNICAL";
    };
  }
}
