package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.ResourceInput;
import io.slotgate.api.admin.AdminDtos.ResourceView;
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

/** Admin face: the staff members, rooms and crews of the tenant's branches. */
@Bounded
@Idempotent
@Path("/admin/v1/resources")
@RolesAllowed("appointments:manage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ResourcesResource {

  private final AdminCrud crud;

  public ResourcesResource(AdminCrud crud) {
    this.crud = crud;
  }

  @GET
  public Uni<List<ResourceView>> resources(@HeaderParam("Tenant") String tenant, @QueryParam("includeRetired") boolean retired) {
    return crud.list(tenant, Kind.RESOURCE, retired, ResourceView.class);
  }

  @POST
  public Uni<RestResponse<ResourceView>> createResource(@HeaderParam("Tenant") String tenant, @Valid @NotNull ResourceInput input) {
    return crud.create(tenant, Kind.RESOURCE, input, ResourceView.class);
  }

  @PUT
  @Path("/{id}")
  public Uni<ResourceView> replaceResource(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id,
      @Valid @NotNull ResourceInput input) {
    return crud.replace(tenant, Kind.RESOURCE, id, input, ResourceView.class);
  }

  @DELETE
  @Path("/{id}")
  public Uni<ResourceView> retireResource(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return crud.retire(tenant, Kind.RESOURCE, id, ResourceView.class);
  }

}
