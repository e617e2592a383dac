package io.slotgate.api.wholesale;

import io.slotgate.core.DomainFailure;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** The wholesale gateway's required headers: X-Request-ID, X-Conversation-ID and Tenant (400 when missing). */
public class WholesaleHeaders {

  static final List<String> REQUIRED = List.of("X-Request-ID", "X-Conversation-ID", "Tenant");

  @ServerRequestFilter
  public void requireGatewayHeaders(ContainerRequestContext request) {
    if (!request.getUriInfo().getPath().startsWith("/WholesaleGateway/")) {
      return;
    }
    List<String> missing = REQUIRED.stream().filter(h -> {
      String value = request.getHeaderString(h);
      return value == null || value.isBlank();
    }).toList();
    if (!missing.isEmpty()) {
      throw DomainFailure.malformed("Missing required header(s): " + String.join(", ", missing));
    }
  }
}
