package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.BranchInput;
import io.slotgate.api.admin.AdminDtos.BranchView;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.catalogue.CatalogueAdmin.Kind;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/** Admin face: the tenant's branches (service areas). */
@Bounded
@Idempotent
@Path("/admin/v1/branches")
@RolesAllowed("appointments:manage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BranchesResource {

  private final AdminCrud crud;

  public BranchesResource(AdminCrud crud) {
    this.crud = crud;
  }

  @GET
  public Uni<List<BranchView>> branches(@HeaderParam("Tenant") String tenant, @QueryParam("includeRetired") boolean retired) {
    return crud.list(tenant, Kind.BRANCH, retired, BranchView.class);
  }

  @GET
  @Path("/{id}")
  public Uni<BranchView> branch(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return crud.get(tenant, Kind.BRANCH, id, BranchView.class);
  }

  @POST
  public Uni<RestResponse<BranchView>> createBranch(@HeaderParam("Tenant") String tenant, @Valid @NotNull BranchInput input) {
    return crud.create(tenant, Kind.BRANCH, input, BranchView.class);
  }

  @PUT
  @Path("/{id}")
  public Uni<BranchView> replaceBranch(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id,
      @Valid @NotNull BranchInput input) {
    return crud.replace(tenant, Kind.BRANCH, id, input, BranchView.class);
  }

  @DELETE
  @Path("/{id}")
  public Uni<BranchView> retireBranch(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return crud.retire(tenant, Kind.BRANCH, id, BranchView.class);
  }

}
