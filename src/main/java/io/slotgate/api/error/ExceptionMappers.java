package io.slotgate.api.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.DomainFailure.Kind;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure, ours or the framework's, into the face's error body: never HTML, never a stack trace. */
public class ExceptionMappers {

  private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

  @ServerExceptionMapper
  public Response refused(DomainFailure failure, HttpServerRequest request) {
    return ErrorResponses.of(failure, request.path());
  }

  @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class,
      AuthenticationCompletionException.class})
  public Response unauthenticated(Exception e, HttpServerRequest request) {
    return ErrorResponses.of(401, Kind.NOT_AUTHENTICATED, List.of("A valid bearer token is required: send "
        + "Authorization: Bearer <JWT> signed by the configured identity provider, unexpired and with the expected "
        + "issuer"), Map.of(), request.path(), UUID.randomUUID().toString(), tokenRefusal(e, request));
  }

  /** Why the token was refused, for the log only: the token verifier's words without the token's claims. */
  static String tokenRefusal(Throwable e, HttpServerRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization == null) {
      return "no Authorization header";
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return "Authorization is not a Bearer token";
    }
    String reason = null;
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        reason = cause.getMessage();
      }
    }
    if (reason == null) {
      return "token refused by the verifier";
    }
    // jose4j quotes the whole claims set before its findings; keep only the findings.
    int details = reason.indexOf("Additional details:");
    String said = details >= 0 ? reason.substring(details + "Additional details:".length()) : reason;
    said = said.replaceAll("\\s+", " ").strip();
    return said.length() > 300 ? said.substring(0, 300) + "..." : said;
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, HttpServerRequest request) {
    return render(Kind.NOT_PERMITTED, "The token's scope does not allow this operation: it needs scope '"
        + requiredScope(request.path()) + "'", request);
  }

  /** The scope each face's resources require (@RolesAllowed): the back office and admin manage, bookers book. */
  static String requiredScope(String path) {
    return path.startsWith("/admin/") || path.startsWith("/enterprises/") ? "appointments:manage" : "appointments";
  }

  @ServerExceptionMapper
  public Response badJson(JsonProcessingException e, HttpServerRequest request) {
    return render(Kind.MALFORMED_REQUEST, "The request body is not valid JSON: "
        + e.getOriginalMessage().replaceAll("\\s+", " "), request);
  }

  @ServerExceptionMapper
  public Response refusedText(RefusedText e, HttpServerRequest request) {
    return render(Kind.INVALID_REQUEST, "Field '" + path(e) + "' " + e.reason(), request);
  }

  @ServerExceptionMapper
  public Response unknownFields(UnknownFields e, HttpServerRequest request) {
    return ErrorResponses.of(Kind.MALFORMED_REQUEST, e.messages(), Map.of(), request.path(),
        UUID.randomUUID().toString());
  }

  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e, HttpServerRequest request) {
    String where = path(e).isEmpty() ? "The request body" : "Field '" + path(e) + "'";
    return render(Kind.MALFORMED_REQUEST, where + " has the wrong type: expected "
        + (e.getTargetType() == null ? "another JSON type" : describe(e.getTargetType())), request);
  }

  @ServerExceptionMapper
  public Response invalidFormat(InvalidFormatException e, HttpServerRequest request) {
    return mismatched(e, request);
  }

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e, HttpServerRequest request) {
    List<String> messages = e.getConstraintViolations().stream()
        .map(ExceptionMappers::describe).sorted().collect(Collectors.toList());
    return ErrorResponses.of(Kind.INVALID_REQUEST, messages, Map.of(), request.path(), UUID.randomUUID().toString());
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, HttpServerRequest request) {
    int status = e.getResponse().getStatus();
    // The JSON reader wraps Jackson's errors in a 400; answer with what was actually wrong.
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof RefusedText refused) {
        return refusedText(refused, request);
      }
      if (cause instanceof UnknownFields unknown) {
        return unknownFields(unknown, request);
      }
      if (cause instanceof MismatchedInputException mismatched) {
        return mismatched(mismatched, request);
      }
      if (cause instanceof JsonProcessingException json) {
        return badJson(json, request);
      }
    }
    return switch (status) {
      case 401 -> unauthenticated(e, request);
      case 403 -> forbidden(new ForbiddenException(), request);
      case 404 -> render(Kind.NOT_FOUND, "No resource at " + request.method() + " " + request.path(), request);
      case 405 -> render(405, Kind.MALFORMED_REQUEST, "Method " + request.method()
          + " is not allowed on " + request.path(), request);
      case 406 -> render(406, Kind.MALFORMED_REQUEST, "This endpoint answers application/json; "
          + "send Accept: application/json", request);
      case 415 -> render(415, Kind.MALFORMED_REQUEST, "Content-Type '"
          + request.getHeader("Content-Type") + "' is not accepted here; send "
          + (request.path().endsWith("/coverage") && request.method().name().equals("PUT") ? "text/csv"
              : "application/json"), request);
      default -> status < 500
          ? render(status, Kind.MALFORMED_REQUEST, "The request could not be understood: " + e.getMessage(), request)
          : unexpected(e, request);
    };
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, HttpServerRequest request) {
    // What the database refused for a reason the client can act on is answered as such (409, 422, 503).
    if (io.slotgate.core.SqlStates.translate(e) instanceof DomainFailure failure) {
      return refused(failure, request);
    }
    String uuid = UUID.randomUUID().toString();
    LOG.errorf(e, "Unexpected failure %s on %s %s", uuid, request.method(), request.path());
    return ErrorResponses.build(500, Kind.SUPPLIER_FAULT, List.of("An internal error occurred; quote " + uuid
        + " when reporting it"), Map.of(), request.path(), uuid);
  }

  private static Response render(Kind kind, String message, HttpServerRequest request) {
    return render(ErrorResponses.status(kind), kind, message, request);
  }

  private static Response render(int status, Kind kind, String message, HttpServerRequest request) {
    return ErrorResponses.of(status, kind, List.of(message), Map.of(), request.path(), UUID.randomUUID().toString(),
        null);
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String describe(Class<?> type) {
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }

  private static String describe(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    // Drop the method and parameter names Bean Validation puts in front of body fields.
    String[] parts = path.split("\\.", 3);
    String field = parts.length == 3 ? parts[2] : parts[parts.length - 1];
    return "Field '" + field + "' " + violation.getMessage();
  }
}
