package io.slotgate.api.events;

import io.quarkus.vertx.http.security.HttpSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The scope each face's hub needs, as @RolesAllowed would say on the face's class: bookers book, the back office
 * manages. The hub's operations are declared once (SubscriptionsResource) and a JSR-250 role applies only to the
 * methods its class declares, so the role is a permission on the face's path instead, checked as Quarkus REST
 * matches the endpoint (applyToJaxRs): before the method and its interceptors, refused (401 without a token, 403
 * with another scope) through the face's exception mappers. The paths are the resources' own (their PATH,
 * a constant rather than their annotation read back at start-up, which needs no reflection in a native image).
 */
@ApplicationScoped
public class HubRoles {

  void roles(@Observes HttpSecurity http) {
    face(http, BookingSubscriptionsResource.PATH, "appointments");
    face(http, WholesaleSubscriptionsResource.PATH, "appointments");
    face(http, OwnerSubscriptionsResource.PATH, "appointments:manage");
  }

  /** The face's path and everything below it, a path parameter as a wildcard. */
  private static void face(HttpSecurity http, String resourcePath, String role) {
    String path = resourcePath.replaceAll("\\{[^/}]+}", "*");
    http.path(path, path + "/*").applyToJaxRs().roles(role);
  }
}
