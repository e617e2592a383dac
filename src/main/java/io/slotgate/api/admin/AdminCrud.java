package io.slotgate.api.admin;

import io.slotgate.api.http.Caller;
import io.slotgate.core.catalogue.CatalogueAdmin;
import io.slotgate.core.catalogue.CatalogueAdmin.Kind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The one CRUD path the admin resources share: the caller acts for the Tenant header, the core's
 * {@link CatalogueAdmin} checks and writes, and the entry comes back as the resource's view.
 */
@ApplicationScoped
public class AdminCrud {

  private final CatalogueAdmin admin;
  private final Caller caller;

  public AdminCrud(CatalogueAdmin admin, Caller caller) {
    this.admin = admin;
    this.caller = caller;
  }

  <V> Uni<List<V>> list(String tenant, Kind kind, boolean includeRetired, Class<V> view) {
    return admin.list(tenant(tenant), kind, includeRetired).map(entries -> views(entries, view));
  }

  <V> Uni<V> get(String tenant, Kind kind, Object id, Class<V> view) {
    return admin.get(tenant(tenant), kind, id).map(entry -> admin.view(entry, view));
  }

  <V> Uni<RestResponse<V>> create(String tenant, Kind kind, Object input, Class<V> view) {
    return created(admin.create(tenant(tenant), kind, input), view);
  }

  /** As {@link #create}, answering the bare view for a resource that shapes it further. */
  <V> Uni<V> add(String tenant, Kind kind, Object input, Class<V> view) {
    return admin.create(tenant(tenant), kind, input).map(entry -> admin.view(entry, view));
  }

  <V> Uni<V> replace(String tenant, Kind kind, Object id, Object input, Class<V> view) {
    return admin.replace(tenant(tenant), kind, id, input).map(entry -> admin.view(entry, view));
  }

  <V> Uni<V> retire(String tenant, Kind kind, Object id, Class<V> view) {
    return admin.retire(tenant(tenant), kind, id).map(entry -> admin.view(entry, view));
  }

  /** An entry (or any core answer) as a view. */
  <V> V view(Object entry, Class<V> view) {
    return admin.view(entry, view);
  }

  <V> List<V> views(List<?> entries, Class<V> view) {
    return entries.stream().map(entry -> admin.view(entry, view)).toList();
  }

  <V> Uni<RestResponse<V>> created(Uni<?> entry, Class<V> view) {
    return entry.map(e -> RestResponse.status(Status.CREATED, admin.view(e, view)));
  }

  /** The tenant the caller acts for, from the Tenant header. */
  String tenant(String tenant) {
    return caller.actFor(tenant, "header Tenant");
  }
}
