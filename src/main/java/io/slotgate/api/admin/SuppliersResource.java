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
import io.slotgate.core.wholesale.Grants;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Admin face: the tenant's wholesale suppliers and the offers of their capacity to booker tenants. */
@Bounded
@Idempotent
@RolesAllowed("appointments:manage")
@Tag(name = "Admin", description = "Catalogue and routing administration of the Tenant")
@SecurityRequirement(name = "bearer")
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
  @Operation(summary = "List the tenant's own suppliers")
  public Uni<List<SupplierView>> suppliers(@HeaderParam("Tenant") String tenant, @QueryParam("includeRetired") boolean retired) {
    return crud.list(tenant, Kind.SUPPLIER, retired, SupplierView.class);
  }

  @GET
  @Path("/{id}")
  public Uni<SupplierView> supplier(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return crud.get(tenant, Kind.SUPPLIER, id, SupplierView.class);
  }

  @POST
  @Operation(summary = "Create a wholesale supplier of the tenant: its adapter, service area and hold policy",
      description = "The id is the tenant's own name for it (ids of other tenants' suppliers are invisible). "
          + "409 CONFLICT when the tenant already has a supplier with this id.")
  @RequestBody(content = @Content(schema = @Schema(implementation = SupplierCreate.class), examples = @ExampleObject(
      name = "supplier", value = """
          {"id": "openfibre", "adapter": "calendar", "branchId": "0f1b0000-0000-4000-8000-000000000001",
           "holdTtlSeconds": 900, "horizonDays": 14, "requiresAcceptance": true}""")))
  public Uni<RestResponse<SupplierView>> createSupplier(@HeaderParam("Tenant") String tenant,
      @Valid @NotNull SupplierCreate input) {
    return crud.created(admin.createSupplier(crud.tenant(tenant), input.id(), supplierValues(input.settings())),
        SupplierView.class);
  }

  @PUT
  @Path("/{id}")
  @Operation(summary = "Replace one of the tenant's suppliers")
  @RequestBody(content = @Content(schema = @Schema(implementation = SupplierInput.class), examples = @ExampleObject(
      name = "supplier", value = """
          {"adapter": "calendar", "branchId": "0f1b0000-0000-4000-8000-000000000001", "holdTtlSeconds": 600,
           "horizonDays": 14, "requiresAcceptance": false}""")))
  public Uni<SupplierView> replaceSupplier(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id,
      @Valid @NotNull SupplierInput input) {
    return crud.replace(tenant, Kind.SUPPLIER, id, supplierValues(input), SupplierView.class);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Retire a supplier: no new holds; its appointments keep running")
  public Uni<SupplierView> retireSupplier(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return crud.retire(tenant, Kind.SUPPLIER, id, SupplierView.class);
  }

  @GET
  @Path("/{id}/grants")
  @Operation(summary = "The booker tenants the supplier's capacity is offered to, with their serviceSpecifications")
  public Uni<List<GrantView>> grants(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return grants.ofSupplier(crud.tenant(tenant), id).map(list -> crud.views(list, GrantView.class));
  }

  @POST
  @Path("/{id}/grants")
  @Operation(summary = "Offer the supplier's capacity to a booker tenant for some serviceSpecifications",
      description = "Only the supplier's owner can. A grant is an offer and routes nothing: the booker chooses its "
          + "route itself (POST /admin/v1/routes with supplierTenant and supplierId), and no grant ever changes a "
          + "tenant's routes. Any tenant name is accepted, also one that does not exist: the offer is kept under "
          + "that name and the answer says nothing about that tenant. Granting again replaces the offer (the "
          + "specifications and maxActiveHolds); live holds for specifications left out are released. "
          + "maxActiveHolds caps the booker's live holds on this supplier (409 HOLD_LIMIT_REACHED beyond it).")
  @RequestBody(content = @Content(schema = @Schema(implementation = GrantInput.class), examples = @ExampleObject(
      name = "grant", value = """
          {"tenant": "TENANT1", "serviceSpecifications": ["fttp", "ftthl2r"], "maxActiveHolds": 20}""")))
  public Uni<RestResponse<GrantView>> grant(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id,
      @Valid @NotNull GrantInput input) {
    return grants.offer(crud.tenant(tenant), id, input.tenant(), input.serviceSpecifications(), input.maxActiveHolds())
        .map(grant -> RestResponse.status(Status.CREATED, crud.view(grant, GrantView.class)));
  }

  @DELETE
  @Path("/{id}/grants/{tenant}")
  @Operation(summary = "Withdraw the offer of the supplier's capacity to a booker tenant",
      description = "The booker's route to the supplier stays its own but leads nowhere: it can no longer search, "
          + "hold, confirm a hold or reschedule there, and its live holds there are released at once (their "
          + "capacity is free again). Appointments confirmed before keep running and can still be cancelled by the "
          + "booker and the owner. 404 when the supplier has no grant to that tenant.")
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
