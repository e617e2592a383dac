package io.slotgate.api.http;

import io.slotgate.api.error.ErrorResponses;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.DomainFailure.Kind;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Refuses, before any face runs, what no face can take: a body over the size limit (413), a bearer
 * token that is not a JWT at all (401, which quarkus-oidc's opaque-token path would turn into a 500),
 * and control characters in the path, query or headers (400). Answers in the face's error format.
 */
@ApplicationScoped
public class InputGuard {

  private static final Logger LOG = Logger.getLogger(InputGuard.class);
  /** JWS compact serialisation: three base64url parts (the signature may be empty only to be refused later). */
  private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  /** The one operation with a body limit of its own: a supplier's coverage as CSV. */
  private static final Pattern COVERAGE_IMPORT = Pattern.compile("/admin/v1/suppliers/[^/]+/coverage/?");
  /** Where RESTEasy Reactive reads the limit for a body sent without Content-Length (Quarkus sets it at order -2). */
  private static final String STREAMED_LIMIT = "io.quarkus.max-request-size";

  private final int maxBodyBytes;
  private final int coverageMaxBodyBytes;

  public InputGuard(SlotgateConfig config) {
    this.maxBodyBytes = config.input().maxBodyBytes();
    this.coverageMaxBodyBytes = config.input().coverageMaxBodyBytes();
  }

  void install(@Observes Router router) {
    router.route().order(-900).handler(this::check);
    // After Quarkus's own limit handler (order -2), which puts quarkus.http.limits.max-body-size (the largest
    // operation's) for a body without Content-Length: the operation's own limit replaces it.
    router.route().order(-1).handler(context -> {
      if (context.get(STREAMED_LIMIT) != null) {
        context.put(STREAMED_LIMIT, (long) limit(context.request()));
      }
      context.next();
    });
  }

  /** The body limit of the request's operation: 64 KiB, except the coverage import's 8 MiB. */
  private int limit(HttpServerRequest request) {
    return request.method() == io.vertx.core.http.HttpMethod.PUT && COVERAGE_IMPORT.matcher(request.path()).matches()
        ? coverageMaxBodyBytes : maxBodyBytes;
  }

  private void check(RoutingContext context) {
    HttpServerRequest request = context.request();
    String length = request.getHeader("Content-Length");
    int limit = limit(request);
    if (length != null && tooLong(length, limit)) {
      refuse(context, 413, Kind.MALFORMED_REQUEST, "The request body is larger than " + limit + " bytes");
      return;
    }
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && !JWT.matcher(authorization.substring(7).trim()).matches()) {
      LOG.debugf("401 on %s %s: the bearer token is not a JWT", request.method(), request.path());
      refuse(context, 401, Kind.NOT_AUTHENTICATED, "The bearer token is not a JWT (header.payload.signature); "
          + "send Authorization: Bearer <JWT> issued by the configured identity provider");
      return;
    }
    String control = controlCharacterIn(request);
    if (control != null) {
      refuse(context, 400, Kind.MALFORMED_REQUEST, "The request's " + control + " contains a control character; "
          + "remove it");
      return;
    }
    context.next();
  }

  private static boolean tooLong(String length, int limit) {
    try {
      return Long.parseLong(length.trim()) > limit;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Where a control character is, after percent-decoding; null when there is none. */
  private static String controlCharacterIn(HttpServerRequest request) {
    if (hasControl(decode(request.path()))) {
      return "path";
    }
    if (request.query() != null && hasControl(decode(request.query().replace('+', ' ')))) {
      return "query";
    }
    for (Entry<String, String> header : request.headers()) {
      if (hasControl(header.getValue())) {
        return "header " + header.getKey();
      }
    }
    return null;
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }

  /** C0 and C1 controls and DEL; tab is allowed (folded header values, free text in queries). */
  public static boolean hasControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && Character.isISOControl(c)) {
        return true;
      }
    }
    return false;
  }

  private static void refuse(RoutingContext context, int status, Kind kind, String message) {
    String uuid = UUID.randomUUID().toString();
    ErrorResponses.logRefusal(status, kind, List.of(message), context.request().path(), uuid, null);
    Object body = ErrorResponses.body(kind, List.of(message), Map.of(), context.request().path(), uuid, status);
    var response = context.response().setStatusCode(status).putHeader("Content-Type", "application/json");
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    if (status == 413) {
      // The client may still be sending the body: answer, then close rather than read it all.
      response.putHeader("Connection", "close");
    }
    response.end(Json.encode(body));
  }
}
