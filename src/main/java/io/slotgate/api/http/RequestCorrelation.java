package io.slotgate.api.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * Echoes {@code X-Request-ID}, {@code X-Conversation-ID} (the wholesale seeds') and {@code X-Correlation-Id}
 * (seed 002's) on every response, including errors raised before any resource runs, and puts them, with the
 * tenant, into the logging context.
 */
@ApplicationScoped
public class RequestCorrelation {

  public static final String REQUEST_ID = "X-Request-ID";
  public static final String CONVERSATION_ID = "X-Conversation-ID";
  public static final String CORRELATION_ID = "X-Correlation-Id";

  void install(@Observes Router router) {
    router.route().order(-1000).handler(context -> {
      HttpServerRequest request = context.request();
      String requestId = request.getHeader(REQUEST_ID);
      String conversationId = request.getHeader(CONVERSATION_ID);
      if (requestId != null) {
        context.response().putHeader(REQUEST_ID, requestId);
      }
      if (conversationId != null) {
        context.response().putHeader(CONVERSATION_ID, conversationId);
      }
      String correlationId = request.getHeader(CORRELATION_ID);
      if (correlationId != null) {
        context.response().putHeader(CORRELATION_ID, correlationId);
      }
      if (requestId == null) {
        // A generated id is echoed too, so a caller can quote it when reporting a problem.
        requestId = "gen-" + UUID.randomUUID();
        context.response().putHeader(REQUEST_ID, requestId);
      }
      MDC.put("requestId", requestId);
      MDC.put("conversationId", conversationId != null ? conversationId : "-");
      MDC.put("correlationId", correlationId != null ? correlationId : "-");
      MDC.put("tenant", tenant(request));
      context.next();
    });
  }

  private static String tenant(HttpServerRequest request) {
    String tenant = request.getHeader("Tenant");
    if (tenant == null) {
      tenant = request.getHeader("X-TENANT-ID");
    }
    String path = request.path();
    if (tenant == null && path.startsWith("/enterprises/")) {
      int end = path.indexOf('/', "/enterprises/".length());
      tenant = path.substring("/enterprises/".length(), end < 0 ? path.length() : end);
    }
    return tenant == null ? "-" : tenant;
  }
}
