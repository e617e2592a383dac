package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.OfferedGrantView;
import io.slotgate.api.admin.AdminDtos.RouteInput;
import io.slotgate.api.admin.AdminDtos.RouteView;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.catalogue.CatalogueAdmin.Kind;
import io.slotgate.core.catalogue.Grants;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/** Admin face: the tenant's wholesale routes, chosen among its own suppliers and those offered to it. */
@Bounded
@Idempotent
@RolesAllowed("appointments:manage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Path("/admin/v1")
public class RoutingResource {

  private final AdminCrud crud;
  private final Grants grants;

  public RoutingResource(AdminCrud crud, Grants grants) {
    this.crud = crud;
    this.grants = grants;
  }

  @GET
  @Path("/grants")
  public Uni<List<OfferedGrantView>> offered(@HeaderParam("Tenant") String tenant) {
    return grants.offeredTo(crud.tenant(tenant)).map(list -> crud.views(list, OfferedGrantView.class));
  }

  @GET
  @Path("/routes")
  public Uni<List<RouteView>> routes(@HeaderParam("Tenant") String tenant) {
    return crud.list(tenant, Kind.ROUTE, true, RouteView.class);
  }

  @POST
  @Path("/routes")
  public Uni<RestResponse<RouteView>> createRoute(@HeaderParam("Tenant") String tenant, @Valid @NotNull RouteInput input) {
    String booker = crud.tenant(tenant);
    String owner = input.supplierTenant() == null ? booker : input.supplierTenant();
    return crud.created(grants.route(booker, input.serviceSpecification(), owner, input.supplierId()), RouteView.class);
  }

  @DELETE
  @Path("/routes/{id}")
  public Uni<RouteView> deleteRoute(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return crud.retire(tenant, Kind.ROUTE, id, RouteView.class);
  }
}
