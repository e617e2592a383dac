package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.OfferedGrantView;
import io.slotgate.api.admin.AdminDtos.RouteInput;
import io.slotgate.api.admin.AdminDtos.RouteView;
import io.slotgate.api.admin.AdminDtos.TenantSettingsInput;
import io.slotgate.api.admin.AdminDtos.TenantSettingsView;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.catalogue.CatalogueAdmin.Kind;
import io.slotgate.core.catalogue.CatalogueAdmin;
import io.slotgate.core.catalogue.DemoCatalogue;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Admin face: the tenant's own set-up: its booking defaults, its wholesale routes (chosen among its own suppliers and
 * those offered to it) and the offers it has, and loading the demo catalogue.
 */
@Bounded
@Idempotent
@RolesAllowed("appointments:manage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Path("/admin/v1")
public class TenantResource {

  private final AdminCrud crud;
  private final CatalogueAdmin admin;
  private final Grants grants;
  private final DemoCatalogue demo;

  public TenantResource(AdminCrud crud, CatalogueAdmin admin, Grants grants, DemoCatalogue demo) {
    this.crud = crud;
    this.admin = admin;
    this.grants = grants;
    this.demo = demo;
  }

  @GET
  @Path("/settings")
  public Uni<TenantSettingsView> settings(@HeaderParam("Tenant") String tenant) {
    return admin.settings(crud.tenant(tenant)).map(settings -> crud.view(settings, TenantSettingsView.class));
  }

  @PUT
  @Path("/settings")
  public Uni<TenantSettingsView> putSettings(@HeaderParam("Tenant") String tenant,
      @Valid @NotNull TenantSettingsInput input) {
    return admin.replaceSettings(crud.tenant(tenant), input.defaultLocale(), input.holdTtlSeconds())
        .map(settings -> crud.view(settings, TenantSettingsView.class));
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

  @POST
  @Path("/demo")
  public Uni<Map<String, Object>> loadDemo(@HeaderParam("Tenant") String tenant) {
    crud.tenant(tenant);
    return demo.load().map(created -> Map.of("loaded", true, "created", created));
  }
}
