package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.BranchInput;
import io.slotgate.api.admin.AdminDtos.BranchView;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.catalogue.CatalogueAdmin.Kind;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;

/** Admin face: the tenant's branches (service areas). */
@Bounded
@Idempotent
@Path("/admin/v1/branches")
@RolesAllowed("appointments:manage")
public class BranchesResource extends CatalogueKindResource<BranchInput, BranchView> {

  public BranchesResource(AdminCrud crud) {
    super(crud, Kind.BRANCH, BranchView.class);
  }

  @GET
  @Path("/{id}")
  public Uni<BranchView> branch(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return entry(tenant, id);
  }
}
