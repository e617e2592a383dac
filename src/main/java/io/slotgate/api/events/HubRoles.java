package io.slotgate.api.events;

import io.quarkus.vertx.http.security.HttpSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Path;

/**
 * The scope each face's hub needs, as @RolesAllowed would say on the face's class: bookers book, the back office
 * manages. The hub's operations are declared once (SubscriptionsResource) and a JSR-250 role applies only to the
 * methods its class declares, so the role is a permission on the face's path instead, checked as Quarkus REST
 * matches the endpoint (applyToJaxRs): before the method and its interceptors, refused (401 without a token, 403
 * with another scope) through the face's exception mappers. The paths are the resources' own.
 */
@ApplicationScoped
public class HubRoles {

  void roles(@Observes HttpSecurity http) {
    face(http, BookingSubscriptionsResource.class, "appointments");
    face(http, WholesaleSubscriptionsResource.class, "appointments");
    face(http, OwnerSubscriptionsResource.class, "appointments:manage");
  }

  private static void face(HttpSecurity http, Class<? extends SubscriptionsResource> resource, String role) {
    String path = resource.getAnnotation(Path.class).value().replaceAll("\\{[^/}]+}", "*");
    http.path(path, path + "/*").applyToJaxRs().roles(role);
  }
}
