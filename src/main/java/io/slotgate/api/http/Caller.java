package io.slotgate.api.http;

import io.quarkus.security.identity.SecurityIdentity;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated caller: which tenants its token lets it act for ({@code tenants} array or
 * {@code tenant} string claim) and who it is, for the audit trail.
 */
@ApplicationScoped
public class Caller {

  private final SecurityIdentity identity;

  public Caller(SecurityIdentity identity) {
    this.identity = identity;
  }

  /** The tenant named by the request, once checked against the token; 400 if absent, 403 if not allowed. */
  public String actFor(String tenant, String where) {
    if (tenant == null || tenant.isBlank()) {
      throw DomainFailure.malformed(where + " is required: the tenant this request acts for");
    }
    if (!tenants().contains(tenant)) {
      throw DomainFailure.notPermitted("The token does not allow acting for tenant '" + tenant + "' (" + where + ")");
    }
    return tenant;
  }

  public Set<String> tenants() {
    if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
      return Set.of();
    }
    Object many = jwt.getClaim("tenants");
    if (many instanceof JsonArray array) {
      return array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString())
          .collect(Collectors.toSet());
    }
    if (many instanceof Collection<?> values) {
      return values.stream().map(String::valueOf).collect(Collectors.toSet());
    }
    Object one = jwt.getClaim("tenant");
    if (one instanceof JsonString string) {
      return Set.of(string.getString());
    }
    return one == null ? Set.of() : Set.of(String.valueOf(one));
  }

  public Actor actor(String type, String source) {
    String name = identity.getPrincipal() == null ? "anonymous" : identity.getPrincipal().getName();
    return new Actor(name == null ? "unknown" : name, type, source);
  }
}
