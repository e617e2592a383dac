package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.ServiceCombinationInput;
import io.slotgate.api.admin.AdminDtos.ServiceCombinationView;
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

/** Admin face: services a branch books together, back to back (seed 003's service combinations). */
@Bounded
@Idempotent
@Path("/admin/v1/service-combinations")
@RolesAllowed("appointments:manage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServiceCombinationsResource {

  private final AdminCrud crud;

  public ServiceCombinationsResource(AdminCrud crud) {
    this.crud = crud;
  }

  @GET
  public Uni<List<ServiceCombinationView>> combinations(@HeaderParam("Tenant") String tenant, @QueryParam("includeRetired") boolean retired) {
    return crud.list(tenant, Kind.SERVICE_COMBINATION, retired, ServiceCombinationView.class);
  }

  @POST
  public Uni<RestResponse<ServiceCombinationView>> createCombination(@HeaderParam("Tenant") String tenant,
      @Valid @NotNull ServiceCombinationInput input) {
    return crud.create(tenant, Kind.SERVICE_COMBINATION, input, ServiceCombinationView.class);
  }

  @PUT
  @Path("/{id}")
  public Uni<ServiceCombinationView> replaceCombination(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id,
      @Valid @NotNull ServiceCombinationInput input) {
    return crud.replace(tenant, Kind.SERVICE_COMBINATION, id, input, ServiceCombinationView.class);
  }

  @DELETE
  @Path("/{id}")
  public Uni<ServiceCombinationView> retireCombination(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return crud.retire(tenant, Kind.SERVICE_COMBINATION, id, ServiceCombinationView.class);
  }

}
