package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.ServiceGroupInput;
import io.slotgate.api.admin.AdminDtos.ServiceGroupView;
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

/** Admin face: the groups services are listed under. */
@Bounded
@Idempotent
@Path("/admin/v1/service-groups")
@RolesAllowed("appointments:manage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServiceGroupsResource {

  private final AdminCrud crud;

  public ServiceGroupsResource(AdminCrud crud) {
    this.crud = crud;
  }

  @GET
  public Uni<List<ServiceGroupView>> groups(@HeaderParam("Tenant") String tenant, @QueryParam("includeRetired") boolean retired) {
    return crud.list(tenant, Kind.SERVICE_GROUP, retired, ServiceGroupView.class);
  }

  @POST
  public Uni<RestResponse<ServiceGroupView>> createGroup(@HeaderParam("Tenant") String tenant,
      @Valid @NotNull ServiceGroupInput input) {
    return crud.create(tenant, Kind.SERVICE_GROUP, input, ServiceGroupView.class);
  }

  @PUT
  @Path("/{id}")
  public Uni<ServiceGroupView> replaceGroup(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id,
      @Valid @NotNull ServiceGroupInput input) {
    return crud.replace(tenant, Kind.SERVICE_GROUP, id, input, ServiceGroupView.class);
  }

  @DELETE
  @Path("/{id}")
  public Uni<ServiceGroupView> retireGroup(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return crud.retire(tenant, Kind.SERVICE_GROUP, id, ServiceGroupView.class);
  }

}
