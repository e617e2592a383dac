package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.ServiceInput;
import io.slotgate.api.admin.AdminDtos.ServiceView;
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

/** Admin face: the services the tenant's branches offer. */
@Bounded
@Idempotent
@Path("/admin/v1/services")
@RolesAllowed("appointments:manage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogueServicesResource {

  private final AdminCrud crud;

  public CatalogueServicesResource(AdminCrud crud) {
    this.crud = crud;
  }

  @GET
  public Uni<List<ServiceView>> services(@HeaderParam("Tenant") String tenant, @QueryParam("includeRetired") boolean retired) {
    return crud.list(tenant, Kind.SERVICE, retired, ServiceView.class);
  }

  @POST
  public Uni<RestResponse<ServiceView>> createService(@HeaderParam("Tenant") String tenant, @Valid @NotNull ServiceInput input) {
    return crud.create(tenant, Kind.SERVICE, input, ServiceView.class);
  }

  @PUT
  @Path("/{id}")
  public Uni<ServiceView> replaceService(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id,
      @Valid @NotNull ServiceInput input) {
    return crud.replace(tenant, Kind.SERVICE, id, input, ServiceView.class);
  }

  @DELETE
  @Path("/{id}")
  public Uni<ServiceView> retireService(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return crud.retire(tenant, Kind.SERVICE, id, ServiceView.class);
  }

}
