package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.GrantInput;
import io.slotgate.api.admin.AdminDtos.GrantView;
import io.slotgate.api.admin.AdminDtos.SupplierCreate;
import io.slotgate.api.admin.AdminDtos.SupplierInput;
import io.slotgate.api.admin.AdminDtos.SupplierView;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.catalogue.CatalogueAdmin;
import io.slotgate.core.catalogue.CatalogueAdmin.Kind;
import io.slotgate.core.catalogue.Grants;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestResponse;

/** Admin face: the tenant's wholesale suppliers and the offers of their capacity to booker tenants. */
@Bounded
@Idempotent
@RolesAllowed("appointments:manage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Path("/admin/v1/suppliers")
public class SuppliersResource {

  private final AdminCrud crud;
  private final CatalogueAdmin admin;
  private final Grants grants;

  public SuppliersResource(AdminCrud crud, CatalogueAdmin admin, Grants grants) {
    this.crud = crud;
    this.admin = admin;
    this.grants = grants;
  }

  @GET
  public Uni<List<SupplierView>> suppliers(@HeaderParam("Tenant") String tenant, @QueryParam("includeRetired") boolean retired) {
    return crud.list(tenant, Kind.SUPPLIER, retired, SupplierView.class);
  }

  @GET
  @Path("/{id}")
  public Uni<SupplierView> supplier(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return crud.get(tenant, Kind.SUPPLIER, id, SupplierView.class);
  }

  @POST
  public Uni<RestResponse<SupplierView>> createSupplier(@HeaderParam("Tenant") String tenant,
      @Valid @NotNull SupplierCreate input) {
    return crud.created(admin.createSupplier(crud.tenant(tenant), input.id(), supplierValues(input.settings())),
        SupplierView.class);
  }

  @PUT
  @Path("/{id}")
  public Uni<SupplierView> replaceSupplier(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id,
      @Valid @NotNull SupplierInput input) {
    return crud.replace(tenant, Kind.SUPPLIER, id, supplierValues(input), SupplierView.class);
  }

  @DELETE
  @Path("/{id}")
  public Uni<SupplierView> retireSupplier(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return crud.retire(tenant, Kind.SUPPLIER, id, SupplierView.class);
  }

  @GET
  @Path("/{id}/grants")
  public Uni<List<GrantView>> grants(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return grants.ofSupplier(crud.tenant(tenant), id).map(list -> crud.views(list, GrantView.class));
  }

  @POST
  @Path("/{id}/grants")
  public Uni<RestResponse<GrantView>> grant(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id,
      @Valid @NotNull GrantInput input) {
    return grants.offer(crud.tenant(tenant), id, input.tenant(), input.serviceSpecifications(), input.maxActiveHolds())
        .map(grant -> RestResponse.status(Status.CREATED, crud.view(grant, GrantView.class)));
  }

  @DELETE
  @Path("/{id}/grants/{tenant}")
  public Uni<GrantView> revoke(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id,
      @PathParam("tenant") @Size(max = 64) String booker) {
    return grants.revoke(crud.tenant(tenant), id, booker).map(grant -> crud.view(grant, GrantView.class));
  }

  private static Map<String, Object> supplierValues(SupplierInput input) {
    Map<String, Object> values = new HashMap<>(Map.of("adapter", input.adapter(),
        "holdTtlSeconds", input.holdTtlSeconds() == null ? 900 : input.holdTtlSeconds(),
        "horizonDays", input.horizonDays() == null ? 14 : input.horizonDays(),
        "requiresAcceptance", input.requiresAcceptance()));
    values.put("branchId", input.branchId());
    return values;
  }
}
