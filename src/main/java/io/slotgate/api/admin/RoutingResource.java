package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.OfferedGrantView;
import io.slotgate.api.admin.AdminDtos.RouteInput;
import io.slotgate.api.admin.AdminDtos.RouteView;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.catalogue.CatalogueAdmin.Kind;
import io.slotgate.core.wholesale.Grants;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Admin face: the tenant's wholesale routes, chosen among its own suppliers and those offered to it. */
@Bounded
@Idempotent
@RolesAllowed("appointments:manage")
@Tag(name = "Admin", description = "Catalogue and routing administration of the Tenant")
@SecurityRequirement(name = "bearer")
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
  @Operation(summary = "The suppliers other owners offer the tenant, to choose its routes from",
      description = "Each offer names the owner (supplierTenant), its supplier and the serviceSpecifications; route "
          + "to one with POST /admin/v1/routes.")
  public Uni<List<OfferedGrantView>> offered(@HeaderParam("Tenant") String tenant) {
    return grants.offeredTo(crud.tenant(tenant)).map(list -> crud.views(list, OfferedGrantView.class));
  }

  @GET
  @Path("/routes")
  @Operation(summary = "List the tenant's wholesale routes: serviceSpecification to supplier (its own, or offered to it)")
  public Uni<List<RouteView>> routes(@HeaderParam("Tenant") String tenant) {
    return crud.list(tenant, Kind.ROUTE, true, RouteView.class);
  }

  @POST
  @Path("/routes")
  @Operation(summary = "Choose the supplier for one of the tenant's serviceSpecifications",
      description = "supplierId names one of the tenant's own suppliers, or (with supplierTenant) a supplier another "
          + "owner offers the tenant for this serviceSpecification (GET /admin/v1/grants). A supplier that is not "
          + "the tenant's and not offered to it answers 404 exactly like one that does not exist. 409 CONFLICT "
          + "when the tenant already routes the serviceSpecification (delete that route first).")
  @RequestBody(content = @Content(schema = @Schema(implementation = RouteInput.class), examples = @ExampleObject(
      name = "route", value = """
          {"serviceSpecification": "fttp", "supplierId": "openfibre", "supplierTenant": "OPENFIBRE"}""")))
  public Uni<RestResponse<RouteView>> createRoute(@HeaderParam("Tenant") String tenant, @Valid @NotNull RouteInput input) {
    String booker = crud.tenant(tenant);
    String owner = input.supplierTenant() == null ? booker : input.supplierTenant();
    return crud.created(grants.route(booker, input.serviceSpecification(), owner, input.supplierId()), RouteView.class);
  }

  @DELETE
  @Path("/routes/{id}")
  @Operation(summary = "Remove one of the tenant's routes (also a route granted to it)")
  public Uni<RouteView> deleteRoute(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return crud.retire(tenant, Kind.ROUTE, id, RouteView.class);
  }
}
